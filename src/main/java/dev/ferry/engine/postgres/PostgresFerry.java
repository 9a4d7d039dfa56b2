package dev.ferry.engine.postgres;

import dev.ferry.FerryException;
import dev.ferry.engine.AssessReport;
import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.PreviewReport;
import dev.ferry.engine.RecordError;
import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PostgresPlan;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.Secrets;
import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.PostgresJournal;
import dev.ferry.store.postgres.PostgresRunVerdicts;
import dev.ferry.store.postgres.PostgresStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's facade on a PostgreSQL database, for its operation plans (runbooks 002 and 003), answering with the
 * same records as {@link dev.ferry.engine.Ferry} so the console shows both alike: the dry run is validate_schema (or
 * the backfill's dry run), the run is the conversion (or up + backfill), rollback is the conversion's rollback (or
 * down). Each verb opens its own connection and closes it, so the console's background tasks never share one.
 */
public final class PostgresFerry implements MigrationEngine {

    private final String uri;
    private final String database;
    private final String display;

    private PostgresFerry(String uri, String database, String display) {
        this.uri = uri;
        this.database = database;
        this.display = display;
    }

    /** Connects once to check the address and credentials; fails with a one-line reason when it cannot. */
    public static PostgresFerry connect(String uri) {
        try (PostgresStore store = PostgresStore.connect(uri)) {
            return new PostgresFerry(uri, store.databaseName(), store.displayUri());
        }
    }

    @Override
    public String kind() {
        return "PostgreSQL";
    }

    @Override
    public String databaseName() {
        return database;
    }

    /** The address with any password hidden. */
    public String displayUri() {
        return display;
    }

    @Override
    public AssessReport assess(int sampleSize) {
        return on(store -> new TableInventory(store).assess(sampleSize));
    }

    @Override
    public PreviewReport preview(MigrationPlan plan, int samples) {
        PostgresPlan pg = postgres(plan);
        return on(store -> new OperationPreview(store).preview(pg, samples));
    }

    @Override
    public DryRunReport dryRun(MigrationPlan plan, RunListener listener) {
        Instant t0 = Instant.now();
        if (postgres(plan) instanceof UuidKeyPlan uuid) {
            SchemaReport schema = on(store -> new UuidKeyOperations(store, uuid, listener, new RunControl())
                    .validateSchema());
            Map<String, Long> storage = schema.changes().isEmpty() ? Map.of() : on(store -> new ShadowStorage(
                    store.connection()).estimate(ConversionLayout.read(new PostgresCatalog(store.connection()), uuid,
                    uuid.schema())));
            return PostgresReports.dryRun(uuid, schema, storage, Duration.between(t0, Instant.now()));
        }
        ColumnBackfillPlan ops = (ColumnBackfillPlan) plan;
        BackfillReport report = on(store -> new BackfillOperations(store, ops, listener, new RunControl()).dryRun());
        return PostgresReports.dryRun(ops, report, Duration.between(t0, Instant.now()));
    }

    /**
     * A uuid key conversion: backup_data (when not done) and convert, resuming a stopped conversion from its last
     * batch. A postgres-operations plan: up (columns and indexes), then the backfill, resumed from its checkpoint.
     */
    @Override
    public RunReport run(MigrationPlan plan, RunControl control, RunListener listener) {
        if (postgres(plan) instanceof UuidKeyPlan uuid) {
            return on(store -> {
                UuidConversionReport r = new UuidKeyOperations(store, uuid, listener, control).convert();
                return PostgresReports.run(uuid, r, control);
            });
        }
        ColumnBackfillPlan ops = (ColumnBackfillPlan) plan;
        return on(store -> {
            BackfillOperations operations = new BackfillOperations(store, ops, listener, control);
            BackfillReport up = operations.up();
            BackfillReport filled = ops.backfill() == null || !up.ok() ? up : operations.backfill();
            String runId = new PostgresJournal(store.connection(), ops.schema()).latest(ops.name())
                    .map(PostgresJournal.RunRow::runId).orElse(ops.name() + "-up");
            return PostgresReports.run(ops, runId, up, filled, control);
        });
    }

    @Override
    public ValidationReport validate(MigrationPlan plan) {
        if (postgres(plan) instanceof UuidKeyPlan uuid) {
            return on(store -> new UuidKeyOperations(store, uuid, RunListener.NONE, new RunControl())
                    .validateMigration());
        }
        ColumnBackfillPlan ops = (ColumnBackfillPlan) plan;
        return on(store -> new BackfillOperations(store, ops, RunListener.NONE, new RunControl()).validate());
    }

    /** {@code runId} is ignored: a plan has one conversion to roll back (its newest not rolled back). */
    @Override
    public RollbackPreview rollbackPreview(MigrationPlan plan, String runId) {
        if (postgres(plan) instanceof UuidKeyPlan uuid) {
            return on(store -> {
                ConversionSession session = new ConversionSession(store, uuid, RunListener.NONE, new RunControl());
                PostgresJournal.RunRow run = session.activeRun().orElseThrow(() -> new FerryException("Plan "
                        + uuid.name() + " has no conversion to roll back in " + display + " (none ran, it was rolled"
                        + " back, or cleanup_backup dropped its backup)."));
                ConversionLayout layout = session.recordedLayout(run.runId());
                boolean swapped = ConversionSession.step(run).compareTo(ConversionStep.SWAPPED) >= 0;
                Map<String, Long> rows = new BackupCounts(session, run.runId(), layout).recorded();
                return new RollbackPreview(run.runId(), uuid.name(), database, state(run, session.journal),
                        swapped ? Map.of() : shadows(rows), swapped ? rows : Map.of());
            });
        }
        ColumnBackfillPlan ops = (ColumnBackfillPlan) plan;
        return on(store -> {
            Map<String, Long> dropped = new ColumnValues(store, ops).present();
            if (dropped.isEmpty() && ops.indexes().isEmpty()) {
                throw new FerryException("Plan " + ops.name() + " added nothing that is still in " + display
                        + ": there is nothing to take down.");
            }
            Optional<PostgresJournal.RunRow> run = new PostgresJournal(store.connection(), ops.schema()).latest(ops.name());
            return new RollbackPreview(run.map(PostgresJournal.RunRow::runId).orElse(ops.name() + "-up"), ops.name(),
                    database, RunState.COMPLETED, dropped, Map.of());
        });
    }

    @Override
    public RollbackReport rollback(MigrationPlan plan, String runId, RunListener listener) {
        Instant t0 = Instant.now();
        if (postgres(plan) instanceof UuidKeyPlan uuid) {
            RollbackPreview before = rollbackPreview(plan, runId);
            UuidConversionReport r = on(store -> new UuidKeyOperations(store, uuid, listener, new RunControl()).rollback());
            return new RollbackReport(r.runId(), uuid.name(), r.ok() ? RunState.ROLLED_BACK : RunState.FAILED,
                    before.toDelete(), before.toRestore(), r.ok(), r.lines(), Duration.between(t0, Instant.now()));
        }
        ColumnBackfillPlan ops = (ColumnBackfillPlan) plan;
        RollbackPreview before = rollbackPreview(plan, runId);
        BackfillReport down = on(store -> new BackfillOperations(store, ops, listener, new RunControl()).down());
        boolean gone = on(store -> new ColumnValues(store, ops).present()).isEmpty();
        List<String> lines = new ArrayList<>(down.lines());
        lines.add(ops.table() + ": none of the plan's columns left: " + (gone ? "restored" : "MISMATCH"));
        return new RollbackReport(before.runId(), ops.name(), down.ok() && gone ? RunState.ROLLED_BACK : RunState.FAILED,
                before.toDelete(), Map.of(), down.ok() && gone, lines, Duration.between(t0, Instant.now()));
    }

    /**
     * Runs in every schema's journal, newest first. A run journalled as running whose plan lock nobody
     * holds shows as interrupted (its process died); it resumes with the next run.
     */
    @Override
    public List<RunSummary> history(String plan) {
        return on(store -> {
            List<RunSummary> out = new ArrayList<>();
            for (String schema : journalSchemas(store)) {
                out.addAll(history(new PostgresJournal(store.connection(), schema),
                        new PostgresRunVerdicts(store.connection(), schema), plan));
            }
            out.sort(java.util.Comparator.comparing(RunSummary::startedAt).reversed());
            return out;
        });
    }

    /** Every schema holding a Ferry journal (a plan's journal lives in the plan's schema). */
    private static List<String> journalSchemas(PostgresStore store) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (java.sql.PreparedStatement s = store.connection().prepareStatement(
                "SELECT schemaname FROM pg_tables WHERE tablename = ? ORDER BY schemaname")) {
            s.setString(1, PostgresJournal.RUNS);
            try (java.sql.ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    schemas.add(r.getString(1));
                }
            }
        }
        return schemas;
    }

    private static List<RunSummary> history(PostgresJournal journal, PostgresRunVerdicts verdicts, String plan)
            throws SQLException {
        List<RunSummary> out = new ArrayList<>();
        for (PostgresJournal.RunRow r : journal.runs(plan)) {
            RunState state = state(r, journal);
            long done = journal.rowsDone(r.runId());
            long total = journal.rowsBefore(r.runId());
            String message = (r.kind().equals(UuidKeyPlan.KIND) ? "step " + r.step().toLowerCase() : r.step())
                    + (r.message() == null || r.message().isBlank() ? "" : ": " + Secrets.redact(r.message()));
            boolean ended = state != RunState.RUNNING && state != RunState.INTERRUPTED;
            out.add(new RunSummary(r.runId(), r.plan(), r.planHash(), state, r.owner(), null, r.startedAt(),
                    ended ? r.updatedAt() : null, done, total > 0 ? total : done, 0, Map.of(),
                    state == RunState.RUNNING ? "another Ferry session (holds the plan's lock)" : null, message,
                    JournalledVerdicts.read(verdicts, r.runId())));
        }
        return out;
    }

    @Override
    public void close() {
        // every verb closes its own connection
    }

    /** The journal's state in words as a run state; a running run nobody holds the lock of was interrupted. */
    static RunState state(PostgresJournal.RunRow run, PostgresJournal journal) throws SQLException {
        return switch (run.state()) {
            case "completed" -> RunState.COMPLETED;
            case "paused" -> RunState.PAUSED;
            case "failed" -> RunState.FAILED;
            case "rolled_back" -> RunState.ROLLED_BACK;
            case "cancelled" -> RunState.CANCELLED;
            default -> lockFree(run.plan(), journal) ? RunState.INTERRUPTED : RunState.RUNNING;
        };
    }

    private static boolean lockFree(String plan, PostgresJournal journal) throws SQLException {
        if (journal.tryLease(plan)) {
            journal.releaseLease(plan);
            return true;
        }
        return false;
    }

    private static Map<String, Long> shadows(Map<String, Long> rows) {
        Map<String, Long> out = new LinkedHashMap<>();
        rows.forEach((table, n) -> out.put(table + " (shadow copy)", n));
        return out;
    }

    private PostgresPlan postgres(MigrationPlan plan) {
        if (plan instanceof PostgresPlan pg) {
            return pg;
        }
        Plan split = (Plan) plan;
        throw new FerryException("Plan " + split.name() + " reads the MongoDB collection " + split.source().collection()
                + "; connect to its MongoDB database to run it. (A plan with a `table:` source or target runs from"
                + " MongoDB too, with --source-uri/--target-uri naming this PostgreSQL database.)");
    }

    private interface Work<T> {
        T apply(PostgresStore store) throws SQLException;
    }

    private <T> T on(Work<T> work) {
        try (PostgresStore store = PostgresStore.connect(uri)) {
            return work.apply(store);
        } catch (SQLException e) {
            throw new FerryException("Could not read " + display + ": " + Secrets.redact(e.getMessage()), e);
        }
    }
}
