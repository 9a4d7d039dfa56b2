package dev.ferry.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.SourceSpec;
import dev.ferry.plan.StoreKind;
import dev.ferry.store.TargetWriter;
import dev.ferry.testing.TestPostgres;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL types to BSON and back, on a real server: a row read by {@link PostgresBatchReader} and written by
 * {@link PostgresTargetWriter} into a table of the same shape comes out with the same text, column for column —
 * except that a timestamptz keeps milliseconds only.
 */
class PostgresTypeMappingTest {

    private static final String COLUMNS = "id int PRIMARY KEY, u uuid, ts timestamptz, lts timestamp, d date,"
            + " amount numeric(10, 3), small int2, big int8, f4 real, f8 double precision, ok boolean, t text,"
            + " v varchar(10), doc jsonb, tags text[], nums int4[], ids uuid[], bytes bytea, mood mood";

    @Test
    void aRowGoesToBsonAndBackUnchanged() throws Exception {
        try (PostgresStore store = PostgresStore.connect(TestPostgres.freshDatabase("types"));
             Statement s = store.connection().createStatement()) {
            s.execute("CREATE TYPE mood AS ENUM ('calm', 'busy')");
            s.execute("CREATE TABLE \"Types\" (" + COLUMNS + ")");
            s.execute("CREATE TABLE \"Types copy\" (" + COLUMNS + ")");
            s.execute("INSERT INTO \"Types\" VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
                    + " '2024-02-29 23:59:58.125+00', '2024-01-02 03:04:05.5', '2024-03-01', 12345.678, -7,"
                    + " 9007199254740993, 0.1, 1e-300, true, 'tab\there \"quoted\" \\ back', 'ten chars!',"
                    + " '{\"b\": [1, 2.5, null, \"x\"], \"a\": {\"deep\": true}}', ARRAY['a', NULL, 'c,d', '\"q\"'],"
                    + " '{1,2,3}', ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid], '\\x00ff10', 'busy')");
            s.execute("INSERT INTO \"Types\" (id) VALUES (2)");
            s.execute("INSERT INTO \"Types\" (id, ts) VALUES (3, '2024-01-01 00:00:00.123456+00')");

            List<Document> rows;
            try (PostgresBatchReader reader = new PostgresBatchReader(store,
                    new SourceSpec("Types", null, "id", StoreKind.POSTGRES), null, 10)) {
                rows = reader.next();
            }
            Document one = rows.get(0);
            assertThat(one.get("u")).isEqualTo(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
            assertThat(one.get("ts")).isEqualTo(Date.from(java.time.Instant.parse("2024-02-29T23:59:58.125Z")));
            assertThat(one.get("lts")).isEqualTo(Date.from(java.time.Instant.parse("2024-01-02T03:04:05.500Z")));
            assertThat(one.get("d")).isEqualTo(Date.from(java.time.Instant.parse("2024-03-01T00:00:00Z")));
            assertThat(one.get("amount")).isEqualTo(Decimal128.parse("12345.678"));
            assertThat(one.get("small")).isEqualTo(-7);
            assertThat(one.get("big")).isEqualTo(9007199254740993L);
            assertThat(one.get("f4")).isEqualTo(0.1);
            assertThat(one.get("ok")).isEqualTo(true);
            assertThat(one.get("doc", Document.class).get("a", Document.class).getBoolean("deep")).isTrue();
            assertThat(one.get("doc", Document.class).getList("b", Object.class)).containsExactly(1, 2.5, null, "x");
            assertThat(one.getList("tags", String.class)).containsExactly("a", null, "c,d", "\"q\"");
            assertThat(one.getList("nums", Integer.class)).containsExactly(1, 2, 3);
            assertThat(one.getList("ids", UUID.class)).containsExactly(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
            assertThat(one.get("bytes")).isEqualTo(new Binary(new byte[] {0, (byte) 0xff, 0x10}));
            assertThat(one.get("mood")).isEqualTo("busy");
            assertThat(rows.get(1).get("u")).isNull();
            assertThat(rows.get(1).containsKey("tags")).isTrue();

            List<String> fields = List.of("u", "ts", "lts", "d", "amount", "small", "big", "f4", "f8", "ok", "t", "v",
                    "doc", "tags", "nums", "ids", "bytes", "mood");
            try (PostgresTargetWriter writer = new PostgresTargetWriter(store, "Types copy", fields)) {
                List<Document> docs = rows.stream().map(r -> {
                    Document d = new Document(r);
                    d.put("_id", d.remove("id"));
                    return d;
                }).toList();
                docs.forEach(d -> assertThat(writer.refusals(d)).isEmpty());
                TargetWriter.Outcome outcome = writer.write(docs, true, (i, h, r, p) -> { }, () -> { },
                        TargetWriter.Phases.NONE);
                assertThat(outcome.inserted()).isEqualTo(3);
            }
            assertThat(rowText(s, "Types", 1)).isEqualTo(rowText(s, "Types copy", 1));
            assertThat(rowText(s, "Types", 2)).isEqualTo(rowText(s, "Types copy", 2));
            assertThat(rowText(s, "Types copy", 3)).as("timestamptz keeps milliseconds")
                    .isEqualTo(rowText(s, "Types", 3).replace(".123456", ".123"));
            assertThat(rowText(s, "Types copy", 3)).contains("2024-01-01 00:00:00.123");
        }
    }

    private static String rowText(Statement s, String table, int id) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT ROW(r.*)::text FROM \"" + table + "\" r WHERE id = " + id)) {
            assertThat(rs.next()).as("row " + id + " of " + table).isTrue();
            return rs.getString(1);
        }
    }
}
