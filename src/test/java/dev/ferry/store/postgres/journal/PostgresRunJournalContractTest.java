package dev.ferry.store.postgres.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.JournalContractTest;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.TestPostgres;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The journal contract for PostgreSQL: {@link PostgresRunJournal} in a fresh database per test, on a real
 * PostgreSQL 15; and what only this store has to say: the journal's schema is Ferry's own, made on first write.
 */
class PostgresRunJournalContractTest extends JournalContractTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private PostgresStore store;

    @Override
    protected Journal journal() {
        store = PostgresStore.connect(TestPostgres.freshDatabase("journal"));
        PostgresRunJournal journal = new PostgresRunJournal(store);
        open.add(journal);
        open.add(store);
        return journal;
    }

    @AfterEach
    void disconnect() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void theJournalLivesInSchemaFerryMadeOnFirstWriteNotInPublic() throws SQLException {
        Journal j = journal();
        j.runs().latest("p");
        assertThat(tables("ferry")).as("reading makes nothing").isEmpty();
        j.dryRuns().record(new dev.ferry.store.journal.DryRunRecord("p", "h", java.time.Instant.now(), 1, 0, 1, 1));
        assertThat(tables("ferry")).containsExactlyInAnyOrder("runs", "batches", "undo", "undo_images", "quarantine",
                "leases", "dry_runs", "requests", "events", "workers", "partitions");
        assertThat(tables("public")).isEmpty();
    }

    @Test
    void documentsWhoseFieldNamesLookLikeExtendedJsonComeBackAsTheyWere() {
        Journal j = journal();
        org.bson.Document odd = new org.bson.Document("_id", 1).append("$date", "not a date")
                .append("code", new org.bson.Document("$code", "x")).append("$oid", 5);
        j.undo().save(new dev.ferry.store.journal.UndoEntry("run-1", 1, "t", List.of(), List.of(), List.of(1), false),
                java.util.Map.of(1, odd), "me#1");
        assertThat(j.undo().preImages("run-1", "t", List.of(1)).values()).containsExactly(odd);
        j.quarantine().put("run-1", "p", 1, List.of(new dev.ferry.store.journal.QuarantineEntry(1, "r", List.of("r"),
                odd)));
        assertThat(j.quarantine().entries("run-1", 1)).singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo(odd));
    }

    private List<String> tables(String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = store.connection().createStatement();
             ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "'")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
