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
                "leases", "dry_runs", "evidence", "requests", "events", "workers", "target_keys", "partitions");
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

    @Test
    void aJournalFromBeforeLeasesNamedTheirProcessIsReadAsItIsAndGainsTheColumnsAndTheTargetKeys() throws Exception {
        journal().prepare();
        try (Statement s = store.connection().createStatement()) { // the layout before this version
            s.execute("ALTER TABLE ferry.leases DROP COLUMN pid, DROP COLUMN process_start");
            s.execute("DROP TABLE ferry.target_keys");
            s.execute("INSERT INTO ferry.leases VALUES ('p', 'old#1', 'run-0', 'box', 'dba', now(), now(),"
                    + " now() + interval '1 minute')");
        }
        PostgresRunJournal j = new PostgresRunJournal(store);
        open.add(j);
        assertThat(j.leases().holder("p")).as("read before anything is written").get()
                .extracting(l -> l.pid(), l -> l.processStart()).containsExactly(0L, null);
        j.prepare();
        assertThat(tables("ferry")).contains("target_keys", "leases", "runs");
        java.time.Instant started = java.time.Instant.parse("2026-12-01T09:00:00Z");
        j.leases().lease("q", "new#1", java.time.Duration.ofMinutes(1)).tryAcquire("run-1",
                new dev.ferry.store.journal.HolderProcess("box", "dba", 4242, started));
        assertThat(j.leases().holder("q")).get().extracting(l -> l.pid(), l -> l.processStart())
                .containsExactly(4242L, started);
        assertThat(j.leases().holder("p")).get().extracting(l -> l.owner()).isEqualTo("old#1");
    }

    @Test
    void aJournalFromBeforeRunsKeptWhatTheyCreatedGainsTheColumnInPlace() throws SQLException {
        Journal j = journal();
        j.runs().insert(dev.ferry.store.journal.RunRecord.started("run-1", "p", "h", "me#1", "dba", "box", "db",
                new dev.ferry.store.journal.RunSource("t", null, "id", "postgres"), List.of("t"), 10,
                java.util.Map.of(), java.time.Instant.now()));
        try (Statement s = store.connection().createStatement()) {
            s.execute("ALTER TABLE ferry.runs DROP COLUMN created");
        }
        PostgresRunJournal older = new PostgresRunJournal(store);
        open.add(0, older);
        assertThat(older.created().of("run-1")).as("nothing created, nothing changed by reading").isEmpty();
        List<dev.ferry.store.journal.CreatedObject> made = List.of(new dev.ferry.store.journal.CreatedObject(
                dev.ferry.store.journal.CreatedObject.Kind.TABLE, "t2", "public.t2", "CREATE TABLE …",
                dev.ferry.store.journal.CreatedObject.State.CREATED));
        assertThat(older.created().record("run-1", "me#1", made)).isTrue();
        assertThat(new PostgresRunJournal(store).created().of("run-1")).isEqualTo(made);
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
