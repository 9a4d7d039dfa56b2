package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.FerryException;
import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.OperationReport;
import dev.ferry.engine.OperationRequest;
import dev.ferry.engine.PlanEngine;
import dev.ferry.engine.PreviewReport;
import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.postgres.PostgresRunHistory;
import dev.ferry.engine.postgres.RowPreview;
import dev.ferry.engine.postgres.VerbConnection;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.PostgresJournal;
import dev.ferry.store.postgres.TableInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook 002's conversion as engine verbs: the dry run is validate_schema (with the shadow tables' storage), the run
 * is backup_data (when not done) and convert, resuming a stopped conversion from its last batch; validate is
 * validate_migration; rollback is the conversion's rollback. The runbook's operations run by name through {@link #operate}.
 */
public final class UuidKeyEngine implements PlanEngine<UuidKeyPlan> {

    private static final int BAD_FIRST = 5;
    /** The pattern validate_schema accepts as a UUID, as an SQL string literal (it is Ferry's own text). */
    private static final String VALID = "'" + UuidSchemaCheck.VALID.replace("'", "''") + "'";

    private final VerbConnection db;

    public UuidKeyEngine(VerbConnection db) {
        this.db = db;
    }

    @Override
    public Class<UuidKeyPlan> plans() {
        return UuidKeyPlan.class;
    }

    /** A runbook 002 operation by name (validate_schema … full_migration), on its own connection. */
    @Override
    public OperationReport operate(UuidKeyPlan plan, OperationRequest request, RunControl control,
                                   RunListener listener) {
        return db.on(store -> new UuidKeyRunbook(new UuidKeyOperations(store, plan, listener, control), plan)
                .run(request.operation()));
    }

    /** rollback (once there is something to roll back) and cleanup_backup are confirmed; the others are not. */
    @Override
    public Optional<String> confirmation(UuidKeyPlan plan, String operation) {
        return db.on(store -> new UuidKeyRunbook(new UuidKeyOperations(store, plan, RunListener.NONE,
                new RunControl()), plan).confirmation(operation));
    }

    /**
     * The key table's rows that are not UUIDs first, then others, then rows of each table that references the key
     * (found in the catalog), each beside the uuid the server makes of it.
     */
    @Override
    public PreviewReport preview(UuidKeyPlan plan, int samples) {
        return db.on(store -> {
            RowPreview rows = new RowPreview(store);
            PostgresCatalog catalog = new PostgresCatalog(store.connection());
            TableInfo keyTable = catalog.table(plan.schema(), plan.table())
                    .orElseThrow(() -> new FerryException("There is no table " + plan.schema() + "." + plan.table()
                            + " in " + store.displayUri() + ". Check `table:` in " + plan.file() + "."));
            List<PreviewReport.Sample> out = new ArrayList<>(uuidRows(rows, plan.schema(), plan.table(), plan.column(),
                    samples, true));
            int perReference = Math.max(3, samples / 4);
            for (ForeignKeyInfo fk : catalog.foreignKeysInto(keyTable.oid())) {
                if (fk.columns().size() == 1 && fk.refColumns().equals(List.of(plan.column()))) {
                    out.addAll(uuidRows(rows, fk.schema(), fk.table(), fk.columns().get(0), perReference, false));
                }
            }
            return new PreviewReport(plan.name(), out);
        });
    }

    /** The rows that are not UUIDs first (when {@code badFirst}), then the first rows of the table. */
    private static List<PreviewReport.Sample> uuidRows(RowPreview rows, String schema, String table, String column,
                                                       int limit, boolean badFirst) throws java.sql.SQLException {
        String quoted = dev.ferry.store.postgres.SqlNames.quote(column);
        String after = "CASE WHEN " + quoted + " ~ " + VALID + " THEN " + quoted + "::uuid::text END";
        List<PreviewReport.Sample> out = new ArrayList<>();
        if (badFirst) {
            out.addAll(rows.rows(schema, table, after, quoted + " IS NOT NULL AND " + quoted + " !~ " + VALID,
                    Math.min(BAD_FIRST, limit), column, "uuid"));
        }
        out.addAll(rows.rows(schema, table, after, null, limit - out.size(), column, "uuid"));
        return out;
    }

    @Override
    public DryRunReport dryRun(UuidKeyPlan plan, RunListener listener) {
        Instant t0 = Instant.now();
        SchemaReport schema = db.on(store -> new UuidKeyOperations(store, plan, listener, new RunControl())
                .validateSchema());
        Map<String, Long> storage = schema.changes().isEmpty() ? Map.of() : db.on(store -> new ShadowStorage(
                store.connection()).estimate(ConversionLayout.read(new PostgresCatalog(store.connection()), plan,
                plan.schema())));
        return UuidKeyReports.dryRun(plan, schema, storage, Duration.between(t0, Instant.now()));
    }

    /** backup_data (when not done) and convert, resuming a stopped conversion from its last batch. */
    @Override
    public RunReport run(UuidKeyPlan plan, RunControl control, RunListener listener) {
        return db.on(store -> UuidKeyReports.run(plan,
                new UuidKeyOperations(store, plan, listener, control).convert(), control));
    }

    @Override
    public ValidationReport validate(UuidKeyPlan plan) {
        return db.on(store -> new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl())
                .validateMigration());
    }

    /** {@code runId} is ignored: a plan has one conversion to roll back (its newest not rolled back). */
    @Override
    public RollbackPreview rollbackPreview(UuidKeyPlan plan, String runId) {
        return db.on(store -> {
            ConversionSession session = new ConversionSession(store, plan, RunListener.NONE, new RunControl());
            PostgresJournal.RunRow run = session.activeRun().orElseThrow(() -> new FerryException("Plan "
                    + plan.name() + " has no conversion to roll back in " + db.display() + " (none ran, it was rolled"
                    + " back, or cleanup_backup dropped its backup)."));
            ConversionLayout layout = session.recordedLayout(run.runId());
            boolean swapped = ConversionSession.step(run).compareTo(ConversionStep.SWAPPED) >= 0;
            Map<String, Long> rows = new BackupCounts(session, run.runId(), layout).recorded();
            return new RollbackPreview(run.runId(), plan.name(), db.database(),
                    PostgresRunHistory.state(run, session.journal), swapped ? Map.of() : shadows(rows),
                    swapped ? rows : Map.of());
        });
    }

    @Override
    public RollbackReport rollback(UuidKeyPlan plan, String runId, RunListener listener) {
        Instant t0 = Instant.now();
        RollbackPreview before = rollbackPreview(plan, runId);
        UuidConversionReport r = db.on(store -> new UuidKeyOperations(store, plan, listener, new RunControl())
                .rollback());
        return new RollbackReport(r.runId(), plan.name(), r.ok() ? RunState.ROLLED_BACK : RunState.FAILED,
                before.toDelete(), before.toRestore(), r.ok(), r.lines(), Duration.between(t0, Instant.now()));
    }

    private static Map<String, Long> shadows(Map<String, Long> rows) {
        Map<String, Long> out = new LinkedHashMap<>();
        rows.forEach((table, n) -> out.put(table + " (shadow copy)", n));
        return out;
    }
}
