package dev.ferry.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.TargetWriter;
import dev.ferry.testing.TestPostgres;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fan-out table's primary key of two columns (the parent's key and the element's position) takes the record's
 * {@code _id} document field by field: rows are inserted, found again, updated with their pre-images, compared by
 * validation and undone exactly, as a one-column key's are.
 */
class PostgresCompositeKeyTest {

    private PostgresStore store;

    @BeforeEach
    void connect() throws SQLException {
        store = PostgresStore.connect(TestPostgres.freshDatabase("composite"));
        try (Statement s = store.connection().createStatement()) {
            s.execute("CREATE TABLE reviews (listing_id text NOT NULL, position integer NOT NULL, rating smallint,"
                    + " said_at timestamptz, PRIMARY KEY (position, listing_id))");
            s.execute("INSERT INTO reviews VALUES ('L0', 0, 3, '2020-01-01T00:00:00.123456Z')");
        }
    }

    @AfterEach
    void disconnect() {
        store.close();
    }

    private static Document review(String listing, int position, int rating) {
        return new Document("_id", new Document("listing_id", listing).append("position", position))
                .append("rating", rating).append("said_at", new Date(86_400_000L * position));
    }

    private static final class Saved implements TargetWriter.UndoRecorder {
        List<Object> inserted = List.of();
        List<Integer> hashes = List.of();
        List<Object> replaced = List.of();
        Map<Object, Document> images = new HashMap<>();

        @Override
        public void save(List<Object> inserted, List<Integer> hashes, List<Object> replaced,
                         Map<Object, Document> preImages) {
            this.inserted = List.copyOf(inserted);
            this.hashes = List.copyOf(hashes);
            this.replaced = List.copyOf(replaced);
            preImages.forEach((k, v) -> images.put(SourceKeys.identity(k), v));
        }
    }

    @Test
    void writtenFoundUpdatedAndUndoneByBothKeyColumns() throws SQLException {
        try (PostgresTargetWriter writer = new PostgresTargetWriter(store, "reviews", List.of("rating", "said_at"))) {
            DocumentChecksum.Sum before = writer.checksum();
            String dump = dump();
            List<Document> batch = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                batch.add(review("L1", p, 4));
                batch.add(review("L2", p, 5));
            }
            Saved first = new Saved();
            assertThat(writer.write(batch, false, first, () -> { }, TargetWriter.Phases.NONE))
                    .isEqualTo(new TargetWriter.Outcome(6, 0, 0));
            assertThat(writer.write(batch, false, new Saved(), () -> { }, TargetWriter.Phases.NONE))
                    .as("a replayed batch").isEqualTo(new TargetWriter.Outcome(0, 0, 6));

            Saved second = new Saved();
            assertThat(writer.write(List.of(review("L0", 0, 1), review("L1", 1, 2), review("L3", 0, 5)), true,
                    second, () -> { }, TargetWriter.Phases.NONE)).as("a key taken meanwhile becomes an update")
                    .isEqualTo(new TargetWriter.Outcome(1, 2, 0));
            assertThat(second.replaced).containsExactlyInAnyOrder(review("L0", 0, 1).get("_id"),
                    review("L1", 1, 2).get("_id"));
            assertThat(second.images.get(SourceKeys.identity(review("L0", 0, 1).get("_id"))))
                    .containsEntry("rating", "3").containsEntry("said_at", "2020-01-01 00:00:00.123456+00");

            Map<Object, Document> stored = writer.stored(List.of(review("L1", 2, 0).get("_id"),
                    review("L9", 0, 0).get("_id")));
            assertThat(stored).containsOnlyKeys(SourceKeys.identity(review("L1", 2, 0).get("_id")));
            assertThat(stored.values().iterator().next()).isEqualTo(writer.comparable(review("L1", 2, 4)));
            assertThat(writer.refusals(new Document("_id", "L1-2"))).singleElement().asString()
                    .contains("the primary key has 2 columns [position, listing_id], so the id must be a document");
            assertThat(writer.refusals(new Document("_id", new Document("listing_id", "L1")))).singleElement()
                    .asString().contains("has no field position");

            writer.undo(second.inserted, second.hashes, second.replaced, second.images);
            writer.undo(first.inserted, first.hashes, first.replaced, first.images);
            assertThat(writer.checksum()).isEqualTo(before);
            assertThat(dump()).isEqualTo(dump);
        }
    }

    private String dump() throws SQLException {
        try (Statement s = store.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(t::text, '|' ORDER BY listing_id, position)"
                     + " FROM reviews t")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
