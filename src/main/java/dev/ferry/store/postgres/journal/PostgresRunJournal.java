package dev.ferry.store.postgres.journal;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import dev.ferry.store.journal.EventLog;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.Requests;
import dev.ferry.store.journal.Workers;
import dev.ferry.store.journal.ScratchJournal;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The split engine's journal in a PostgreSQL database, in Ferry's own schema {@code ferry} (created on first write):
 * {@code ferry.runs}, {@code ferry.batches}, {@code ferry.undo}, {@code ferry.undo_images}, {@code ferry.quarantine},
 * {@code ferry.leases}, {@code ferry.dry_runs}, {@code ferry.requests}, {@code ferry.events}, {@code ferry.workers}.
 * Its own connection, opened on first use; close it when done.
 * (Runbooks 002 and 003 keep their own journal, {@code ferry_pg_*}.)
 */
public class PostgresRunJournal implements Journal, AutoCloseable {

    public static final String SCHEMA = "ferry";

    private final JournalDatabase db;
    private final PostgresRuns runs;
    private final PostgresBatches batches;
    private final PostgresUndoLog undo;
    private final PostgresQuarantine quarantine;
    private final PostgresLeases leases;
    private final PostgresDryRuns dryRuns;
    private final PostgresPartitions partitions;
    private final PostgresRequests requests;
    private final PostgresEventLog events;
    private final PostgresWorkers workers;
    private final PostgresStore store;

    public PostgresRunJournal(PostgresStore store) {
        this(store, SCHEMA);
    }

    PostgresRunJournal(PostgresStore store, String schema) {
        this.store = store;
        this.db = new JournalDatabase(store, schema);
        this.runs = new PostgresRuns(db);
        this.batches = new PostgresBatches(db);
        this.undo = new PostgresUndoLog(db);
        this.quarantine = new PostgresQuarantine(db);
        this.leases = new PostgresLeases(db);
        this.dryRuns = new PostgresDryRuns(db);
        this.partitions = new PostgresPartitions(db);
        this.requests = new PostgresRequests(db);
        this.events = new PostgresEventLog(db);
        this.workers = new PostgresWorkers(db);
    }

    @Override
    public PostgresRuns runs() {
        return runs;
    }

    @Override
    public PostgresBatches batches() {
        return batches;
    }

    @Override
    public PostgresUndoLog undo() {
        return undo;
    }

    @Override
    public PostgresQuarantine quarantine() {
        return quarantine;
    }

    @Override
    public PostgresLeases leases() {
        return leases;
    }

    @Override
    public PostgresDryRuns dryRuns() {
        return dryRuns;
    }

    @Override
    public PostgresPartitions partitions() {
        return partitions;
    }

    @Override
    public Requests requests() {
        return requests;
    }

    @Override
    public EventLog events() {
        return events;
    }

    @Override
    public Workers workers() {
        return workers;
    }

    @Override
    public void prepare() {
        db.ensureTables();
    }

    /** In one transaction: a revert interrupted here leaves either all or none of it. */
    @Override
    public void discardAfter(String runId, long batch) {
        discardBetween(runId, batch, Long.MAX_VALUE);
    }

    @Override
    public void discardBetween(String runId, long batch, long upTo) {
        db.transaction(c -> {
            for (String table : new String[] {JournalTables.BATCHES, JournalTables.QUARANTINE, JournalTables.UNDO,
                    JournalTables.IMAGES}) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + db.table(table)
                        + " WHERE run_id = ? AND batch > ? AND batch <= ?")) {
                    s.setString(1, runId);
                    s.setLong(2, batch);
                    s.setLong(3, upTo);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public String databaseName() {
        return db.databaseName();
    }

    @Override
    public String location() {
        return "PostgreSQL database " + db.databaseName() + " (schema " + db.schema() + ")";
    }

    /** The schema the journal's tables are in. */
    public String schema() {
        return db.schema();
    }

    @Override
    public ScratchJournal scratch() {
        return new Scratch(store, SCHEMA + "_dry_run_scratch_" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public void close() {
        db.close();
    }

    /** A journal in a schema of its own, dropped with everything in it on close. */
    private static final class Scratch extends PostgresRunJournal implements ScratchJournal {
        private final PostgresStore store;
        private final String schema;

        Scratch(PostgresStore store, String schema) {
            super(store, schema);
            this.store = store;
            this.schema = schema;
        }

        @Override
        public void close() {
            super.close();
            try (Connection c = store.newConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SqlNames.quote(schema) + " CASCADE");
            } catch (SQLException e) {
                throw new FerryException("Could not drop the dry run's scratch schema " + schema + ": "
                        + Secrets.redact(e.getMessage()), e);
            }
        }
    }
}
