package dev.ferry.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.SourceSpec;
import dev.ferry.plan.StoreKind;
import dev.ferry.store.SourceReader;
import dev.ferry.store.StoreContractTest;
import dev.ferry.store.TargetWriter;
import dev.ferry.testing.TestPostgres;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract for PostgreSQL, on a real server: a table source read by {@link PostgresBatchReader}, a
 * {@link PostgresTargetWriter}. Both tables have awkward names (mixed case, a space, a reserved word) on purpose.
 */
class PostgresStoreContractTest extends StoreContractTest {

    private static final String SOURCE = "public.Source Rows";
    private static final String TARGET = "public.order";
    private PostgresStore store;

    @BeforeEach
    void connect() {
        store = PostgresStore.connect(TestPostgres.freshDatabase("contract"));
    }

    @AfterEach
    void disconnect() {
        store.close();
    }

    private void sql(String sql, Object... values) {
        try (PreparedStatement st = store.connection().prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void createSource(List<Document> records) {
        sql("CREATE TABLE \"Source Rows\" (k int PRIMARY KEY, name text, amount numeric(12, 2))");
        for (Document r : records) {
            sql("INSERT INTO \"Source Rows\" VALUES (?, ?, ?)", r.get("k"), r.get("name"), r.get("amount"));
        }
    }

    @Override
    protected SourceReader reader(Object afterKey, int batchSize) {
        return new PostgresBatchReader(store, new SourceSpec(SOURCE, null, "k", StoreKind.POSTGRES), afterKey,
                batchSize);
    }

    @Override
    protected void changeSource(int key, String name) {
        sql("UPDATE \"Source Rows\" SET name = ? WHERE k = ?", name, key);
    }

    @Override
    protected TargetWriter createTarget() {
        sql("CREATE TABLE \"order\" (\"Id\" int PRIMARY KEY, name varchar(20), n bigint,"
                + " created timestamptz NOT NULL DEFAULT now())");
        return new PostgresTargetWriter(store, TARGET, List.of("name", "n"));
    }

    @Override
    protected void changeTarget(int id, String name) {
        sql("UPDATE \"order\" SET name = ? WHERE \"Id\" = ?", name, id);
    }

    @Test
    void aValueThatDoesNotFitItsColumnIsRefusedWithTheReason() {
        try (TargetWriter writer = createTarget()) {
            assertThat(writer.refusals(new Document("_id", 1).append("name", "x".repeat(21)).append("n", 1L)))
                    .singleElement().asString().contains("\"name\" (character varying(20))", "21 characters, over the column's 20");
            assertThat(writer.refusals(new Document("_id", 1).append("name", "a").append("n", "12")))
                    .singleElement().asString().contains("\"n\" (bigint)", "expected a finite number, got String 12");
            assertThat(writer.refusals(new Document("_id", 1).append("name", "a").append("n", 1.5)))
                    .singleElement().asString().contains("not a whole number");
            assertThat(writer.refusals(new Document("_id", null).append("name", "a").append("n", 1L)))
                    .singleElement().asString().contains("_id", "NOT NULL");
        }
    }

    @Test
    void aFieldWithoutAColumnIsRefusedBeforeAnyWrite() throws SQLException {
        try (Statement s = store.connection().createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, a text)");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PostgresTargetWriter(store, "t", List.of("a", "b")))
                .hasMessageContaining("has no column \"b\"").hasMessageContaining("Its columns are id, a");
    }

    @Test
    void aKeyTakenWhileTheTableSeemedEmptyBecomesAnUpdateWithItsPreImage() {
        try (TargetWriter writer = createTarget()) {
            // the run saw an empty table, so the batch skips the lookup; meanwhile another writer took key 2
            sql("INSERT INTO \"order\" (\"Id\", name, n, created) VALUES (2, 'theirs', 7, '2001-02-03 04:05:06.789012+00')");
            String before = md5();
            List<Object> inserted = new ArrayList<>();
            List<Integer> hashes = new ArrayList<>();
            List<Object> replaced = new ArrayList<>();
            Map<Object, Document> preImages = new HashMap<>();
            TargetWriter.Outcome outcome = writer.write(List.of(doc(1, "a", 1), doc(2, "ours", 2), doc(3, "c", 3)), true,
                    (i, h, r, p) -> {
                        inserted.addAll(i);
                        hashes.addAll(h);
                        replaced.addAll(r);
                        p.forEach((k, v) -> preImages.put(dev.ferry.store.SourceKeys.identity(k), v));
                    }, () -> { }, TargetWriter.Phases.NONE);
            assertThat(outcome).isEqualTo(new TargetWriter.Outcome(2, 1, 0));
            assertThat(inserted).containsExactly(1, 3);
            assertThat(replaced).containsExactly(2);
            assertThat(preImages.values()).singleElement().satisfies(image -> assertThat(image.get("name")).isEqualTo("theirs"));
            assertThat(writer.undo(inserted, hashes, replaced, preImages)).isEqualTo(new TargetWriter.Undone(2, 1, 0));
            assertThat(md5()).isEqualTo(before);
        }
    }

    @Test
    void aLargeBatchIsWrittenAndUndoneWhole() {
        try (TargetWriter writer = createTarget()) {
            List<Document> docs = new ArrayList<>();
            for (int i = 1; i <= 5_000; i++) {
                docs.add(new Document("_id", i).append("name", i % 10 == 0 ? null : "n\t\"" + i + "\\,{}").append("n", (long) i));
            }
            List<Object> inserted = new ArrayList<>();
            List<Integer> hashes = new ArrayList<>();
            TargetWriter.Outcome outcome = writer.write(docs, true, (i, h, r, p) -> {
                inserted.addAll(i);
                hashes.addAll(h);
            }, () -> { }, TargetWriter.Phases.NONE);
            assertThat(outcome).isEqualTo(new TargetWriter.Outcome(5_000, 0, 0));
            assertThat(writer.stored(List.of(7, 10)).values()).extracting(d -> d.get("name"))
                    .containsExactly("n\t\"7\\,{}", null);
            assertThat(writer.undo(inserted, hashes, List.of(), Map.of())).isEqualTo(new TargetWriter.Undone(5_000, 0, 0));
            assertThat(writer.count()).isZero();
        }
    }

    private String md5() {
        try (Statement s = store.connection().createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT md5(string_agg(t::text, '|' ORDER BY \"Id\")) FROM \"order\" t")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
