package dev.ferry.engine.postgres.backfill;

import dev.ferry.engine.postgres.ConversionRefused;
import dev.ferry.engine.postgres.DatabaseAway;
import dev.ferry.engine.postgres.JournalledVerdicts;
import dev.ferry.engine.postgres.OperationLog;
import dev.ferry.engine.postgres.PlanHashCheck;
import dev.ferry.engine.postgres.RetryingOperation;
import dev.ferry.engine.runtime.RunIds;

import dev.ferry.FerryException;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.store.Secrets;
import dev.ferry.store.postgres.MigrationLogTable;
import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.PostgresJournal;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.TableInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runbook 003's operations by name for a {@code postgres-operations} plan: up (columns and indexes), backfill,
 * incremental (rows created since a time), validate, down. Each is logged in migration_log; a backfill is a run in
 * the journal and resumes from its last batch.
 */
public final class BackfillOperations {

    public static final List<String> NAMES = List.of("dry_run", "up", "backfill", "incremental", "validate", "down",
            "status", "run");

    private final PostgresStore store;
    private final ColumnBackfillPlan plan;
    private final RunListener listener;
    private final RunControl control;
    private final RetryingOperation retrying;
    private Connection bound;
    private PostgresJournal journal;
    private OperationLog log;
    private MigrationLogTable logTable;

    public BackfillOperations(PostgresStore store, ColumnBackfillPlan plan, RunListener listener, RunControl control) {
        this.store = store;
        this.plan = plan;
        this.control = control;
        this.retrying = new RetryingOperation(store, plan, listener, control);
        this.listener = retrying.listener();
        bind();
    }

    /** The journal and log on the store's current connection: a retry reconnects, and they must follow. */
    private void bind() {
        if (store.connectionLost()) { // an earlier operation lost it and gave up waiting
            store.reconnect();
        }
        if (bound == store.connection()) {
            return;
        }
        bound = store.connection();
        journal = new PostgresJournal(bound, plan.schema());
        logTable = new MigrationLogTable(bound, plan.schema());
        log = new OperationLog(logTable, plan.name());
        try {
            journal.create();
            logTable.create();
        } catch (SQLException e) {
            throw failure("create Ferry's journal tables", e);
        }
    }

    /**
     * Adds the columns and builds the indexes. When the database goes away it waits and does it again on a new
     * session, skipping what is done (an index whose CONCURRENTLY build was cut short is dropped and rebuilt).
     */
    public BackfillReport up() {
        return retrying("up", () -> logged("up", () -> new ColumnChanges(store.connection(), plan).up()));
    }

    /**
     * What up and backfill would do, changing nothing: columns and indexes to add (those already there), the rows the
     * backfill covers, and the expression and filter tried by the planner.
     */
    public BackfillReport dryRun() {
        bind();
        Instant t0 = Instant.now();
        try {
            TableInfo table = table();
            List<String> lines = new java.util.ArrayList<>();
            plan.addColumns().forEach(c -> lines.add((table.column(c.name()).isPresent() ? "column exists: " : "would add column: ")
                    + c.name() + " " + c.type()));
            plan.indexes().forEach(i -> lines.add("index " + i.name() + " on " + i.columns() + " (built CONCURRENTLY)"));
            long rows = 0;
            long bytes = 0;
            if (plan.backfill() != null) {
                checkSql(table);
                String filter = plan.backfill().filter();
                // the server computes the values as the column will store them (nothing is written), and their size
                String type = plan.addColumns().stream().filter(c -> c.name().equals(plan.backfill().column()))
                        .map(ColumnBackfillPlan.NewColumn::type).findFirst()
                        .or(() -> table.column(plan.backfill().column()).map(dev.ferry.store.postgres.ColumnInfo::type))
                        .orElse(null);
                String value = "(" + plan.backfill().expression() + ")";
                try (Statement s = store.connection().createStatement(); var r = s.executeQuery("SELECT count(*),"
                        + " coalesce(sum(pg_column_size(" + (type == null ? value : "CAST(" + value + " AS " + type
                        + ")") + ")), 0) FROM "
                        + table.qualified() + (filter == null ? "" : " WHERE (" + filter + ")"))) {
                    r.next();
                    rows = r.getLong(1);
                    bytes = r.getLong(2);
                }
                lines.add(String.format("backfill would set %s = %s on %,d rows, %,d a batch: about %,d bytes of new"
                        + " values (each updated row also leaves its old version until VACUUM)",
                        plan.backfill().column(), plan.backfill().expression(), rows, plan.backfill().batchSize(),
                        bytes));
            }
            return new BackfillReport(plan.name(), "dry_run", true, rows, 0, java.time.Duration.between(t0, Instant.now()),
                    lines, bytes);
        } catch (SQLException e) {
            throw failure("dry-run", e);
        }
    }

    /**
     * Drops the indexes, then the columns; waits for the database and goes on as up does (IF EXISTS throughout). An
     * unfinished backfill is closed as rolled back: its checkpoint points into values that are gone, so the next
     * backfill starts from the first row (and may use a changed plan).
     */
    public BackfillReport down() {
        return retrying("down", () -> logged("down", () -> {
            BackfillReport report = new ColumnChanges(store.connection(), plan).down();
            Optional<PostgresJournal.RunRow> open = unfinishedBackfill();
            if (open.isPresent()) {
                journal.update(store.connection(), open.get().runId(), "rolled_back", null, "taken down by `down`");
            }
            return report;
        }));
    }

    /** The plan's newest full backfill if it has not completed: the one a backfill resumes. */
    private Optional<PostgresJournal.RunRow> unfinishedBackfill() throws SQLException {
        return journal.latest(plan.name()).filter(r -> r.step().equals("backfill") && !r.state().equals("completed")
                && !r.state().equals("rolled_back"));
    }

    /**
     * The whole backfill, or the rest of a stopped one. When the database goes away it waits and resumes from the
     * last committed batch by itself; past {@code -Dferry.retry.max} it returns a report that is not ok.
     */
    public BackfillReport backfill() {
        return retrying("backfill", () -> logged("backfill", () -> backfillFrom(null)));
    }

    /** {@code work} on a bound session, waited for and retried as {@link RetryingOperation} does; idempotent work only. */
    private BackfillReport retrying(String operation, Supplier<BackfillReport> work) {
        Instant t0 = Instant.now();
        try {
            return retrying.run(operation, () -> {
                bind();
                return work.get();
            });
        } catch (DatabaseAway e) {
            return new BackfillReport(plan.name(), operation, false, 0, 0, java.time.Duration.between(t0, Instant.now()),
                    List.of(e.getMessage()));
        }
    }

    /** Only the rows created at or after {@code since} (by the plan's created_at_column). */
    public BackfillReport incremental(Instant since) {
        if (plan.createdAtColumn() == null) {
            throw new ConversionRefused("Plan " + plan.name() + " names no created_at_column; an incremental backfill"
                    + " needs it to find the rows created since " + since + ". Add it to " + plan.file() + ".");
        }
        return retrying("incremental", () -> logged("incremental", () -> backfillFrom(since)));
    }

    /** Checks the table as it is now; the verdict is journalled on the plan's latest run (the one that filled it). */
    public ValidationReport validate() {
        bind();
        try {
            Optional<PostgresJournal.RunRow> run = journal.latest(plan.name());
            ValidationReport report = log.record("validate", null, () -> new BackfillChecks(store.connection(), plan)
                    .validate(table()), r -> r.passed() ? r.checks().size() + " checks passed" : "failed: "
                    + r.checks().stream().map(c -> c.name() + " " + c.status()).toList(), ValidationReport::passed);
            if (run.isPresent()) {
                JournalledVerdicts.record(store.connection(), run.get().runId(), report);
            }
            return report;
        } catch (SQLException e) {
            throw failure("validate", e);
        }
    }

    public List<MigrationLogTable.Entry> status() {
        bind();
        try {
            return logTable.recent(20);
        } catch (SQLException e) {
            throw failure("read migration_log", e);
        }
    }

    private BackfillReport backfillFrom(Instant since) throws SQLException {
        if (plan.backfill() == null) {
            throw new ConversionRefused("Plan " + plan.name() + " has no backfill section. Add one to " + plan.file() + ".");
        }
        TableInfo table = table();
        if (table.column(plan.backfill().column()).isEmpty()) {
            throw new ConversionRefused("Table " + table.display() + " has no column " + plan.backfill().column()
                    + " yet. Run `up` first.");
        }
        checkSql(table);
        if (!journal.tryLease(plan.name())) {
            throw new ConversionRefused("Another Ferry session is working on plan " + plan.name() + "; wait for it.");
        }
        try {
            String kind = since == null ? "backfill" : "incremental";
            Optional<PostgresJournal.RunRow> open = since == null ? unfinishedBackfill() : Optional.empty();
            open.ifPresent(r -> PlanHashCheck.refuseChanged(r, plan));
            String runId = open.map(PostgresJournal.RunRow::runId).orElse(RunIds.newRunId());
            if (open.isEmpty()) {
                journal.insertRun(store.connection(), runId, plan.name(), plan.hash(), ColumnBackfillPlan.KIND, kind,
                        System.getProperty("user.name"));
            }
            BackfillReport report = new KeysetBackfill(store.connection(), plan, journal, listener, control)
                    .run(runId, table, since, open.isPresent());
            journal.update(store.connection(), runId, report.ok() ? "completed" : "paused", null, null);
            return report;
        } finally {
            if (!store.connection().isClosed()) { // else the lock went with the session
                journal.releaseLease(plan.name());
            }
        }
    }

    /** The plan's expression and filter, tried by the planner (EXPLAIN: nothing runs) before any row is touched. */
    private void checkSql(TableInfo table) {
        ColumnBackfillPlan.Backfill b = plan.backfill();
        String sql = "EXPLAIN SELECT (" + b.expression() + ") FROM " + table.qualified()
                + (b.filter() == null ? "" : " WHERE (" + b.filter() + ")");
        try (Statement s = store.connection().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new ConversionRefused("Plan " + plan.name() + ": the backfill's expression or filter does not work"
                    + " on " + table.display() + ": " + Secrets.redact(e.getMessage()) + ". Fix backfill in "
                    + plan.file() + "; nothing was changed.");
        }
    }

    private TableInfo table() throws SQLException {
        TableInfo table = new PostgresCatalog(store.connection()).table(plan.schema(), plan.table()).orElseThrow(() ->
                new ConversionRefused("There is no table " + plan.schema() + "." + plan.table() + ". Check `table:` in "
                        + plan.file() + "."));
        if (table.primaryKey().size() != 1) {
            throw new ConversionRefused("Table " + table.display() + (table.primaryKey().isEmpty()
                    ? " has no primary key" : " has a primary key of several columns") + ": the backfill walks the"
                    + " table in key order by one column. Add a single-column primary key first.");
        }
        return table;
    }

    private interface Step {
        BackfillReport run() throws SQLException;
    }

    private BackfillReport logged(String operation, Step step) {
        try {
            return log.recordStatus(operation, null, step::run, r -> String.join(" ", r.lines()),
                    r -> r.ok() ? "completed" : r.operation().equals("backfill") || r.operation().equals("incremental")
                            ? "paused" : "failed");
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private FerryException failure(String doing, SQLException e) {
        return new FerryException("Could not " + doing + " (plan " + plan.name() + ") in " + store.displayUri() + ": "
                + Secrets.redact(e.getMessage()), e);
    }

}
