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
                "leases", "dry_runs");
        assertThat(tables("public")).isEmpty();
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
