package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.ConversionRefused;
import dev.ferry.engine.postgres.OperationLog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.FerryException;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.MigrationLogTable;
import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.PostgresJournal;
import dev.ferry.store.postgres.PostgresStore;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pieces every operation of one plan shares: the database, the journal and migration_log (created on first use),
 * the plan's current run and its recorded layout, and the lease that keeps two Ferry processes off one plan.
 */
final class ConversionSession {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    final PostgresStore store;
    /** The store's connection when this session was made; the journal, catalog and log work on it. */
    final java.sql.Connection connection;
    final UuidKeyPlan plan;
    final PostgresJournal journal;
    final OperationLog log;
    final PostgresCatalog catalog;
    final RunListener listener;
    final RunControl control;
    /** The last layout this session read, so that a failure names the application's tables, not Ferry's copies. */
    private ConversionLayout layout;

    ConversionSession(PostgresStore store, UuidKeyPlan plan, RunListener listener, RunControl control) {
        this.store = store;
        this.connection = store.connection();
        this.plan = plan;
        this.listener = listener;
        this.control = control;
        this.journal = new PostgresJournal(connection, plan.schema());
        this.catalog = new PostgresCatalog(connection);
        MigrationLogTable table = new MigrationLogTable(connection, plan.schema());
        this.log = new OperationLog(table, plan.name());
        try {
            try (java.sql.Statement s = connection.createStatement()) {
                // A read that row security would filter fails instead: Ferry copies and counts every row or none.
                s.execute("SET row_security = off");
            }
            journal.create();
            table.create();
        } catch (SQLException e) {
            throw failure("create Ferry's journal tables", e);
        }
    }

    /** The plan's run that is not finished with (not rolled back, not cleaned up), if any. */
    Optional<PostgresJournal.RunRow> activeRun() throws SQLException {
        return journal.latest(plan.name()).filter(r -> !r.step().equals(ConversionStep.ROLLED_BACK.name())
                && !r.step().equals(ConversionStep.CLEANED.name()));
    }

    static ConversionStep step(PostgresJournal.RunRow run) {
        return ConversionStep.valueOf(run.step());
    }

    ConversionRun run(String runId, ConversionLayout layout) {
        return new ConversionRun(store, plan, journal, runId, layout, control, listener, ConversionRun.defaultWorkers());
    }

    String layoutJson(ConversionLayout layout) {
        try {
            return JSON.writeValueAsString(layout);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the layout", e);
        }
    }

    /** The layout recorded when the run began: after the swap the catalog no longer shows the originals in place. */
    ConversionLayout recordedLayout(String runId) throws SQLException {
        String json = journal.layout(runId).orElseThrow(() -> new FerryException("Run " + runId
                + " has no recorded layout in " + journal.tables().runsDisplay() + "; the journal is damaged."));
        try {
            layout = JSON.readValue(json, ConversionLayout.class).withDefaults(plan.backupSchema());
            return layout;
        } catch (IOException e) {
            throw new FerryException("Run " + runId + " has an unreadable layout in the journal: " + e.getMessage(), e);
        }
    }

    void lease() throws SQLException {
        if (!journal.tryLease(plan.name())) {
            throw new ConversionRefused("Another Ferry session is working on plan " + plan.name() + " in this database"
                    + " (it holds the plan's lock). Wait for it to finish, or see `ferry pg op status`.");
        }
    }

    void releaseLease() {
        try {
            journal.releaseLease(plan.name());
        } catch (SQLException ignored) {
            // the lock goes with the connection anyway
        }
    }


    /** Notes the layout an operation works on, for {@link #failure}. */
    ConversionLayout working(ConversionLayout layout) {
        this.layout = layout;
        return layout;
    }

    /** What went wrong, without the server's hint, in the application's table names. */
    FerryException failure(String doing, SQLException e) {
        return new FerryException("Could not " + doing + " in " + store.displayUri() + ": "
                + new ShadowNames(layout).of(e), e);
    }
}
