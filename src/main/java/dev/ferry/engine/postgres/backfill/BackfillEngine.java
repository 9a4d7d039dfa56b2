package dev.ferry.engine.postgres.backfill;

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
import dev.ferry.engine.postgres.RowPreview;
import dev.ferry.engine.postgres.VerbConnection;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.store.postgres.PostgresJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook 003 as engine verbs: the dry run is the backfill's dry run, the run is up (columns and indexes) then the
 * backfill, resumed from its checkpoint; validate is the backfill's checks; rollback is down. The runbook's operations
 * run by name through {@link #operate}.
 */
public final class BackfillEngine implements PlanEngine<ColumnBackfillPlan> {

    private final VerbConnection db;

    public BackfillEngine(VerbConnection db) {
        this.db = db;
    }

    @Override
    public Class<ColumnBackfillPlan> plans() {
        return ColumnBackfillPlan.class;
    }

    /** A runbook 003 operation by name (dry_run, up, backfill, incremental, validate, down, run, status). */
    @Override
    public OperationReport operate(ColumnBackfillPlan plan, OperationRequest request, RunControl control,
                                   RunListener listener) {
        BackfillRunbook.refuseIncomplete(request);
        return db.on(store -> new BackfillRunbook(new BackfillOperations(store, plan, listener, control), plan)
                .run(request));
    }

    /** down is confirmed; the others are not. */
    @Override
    public Optional<String> confirmation(ColumnBackfillPlan plan, String operation) {
        return BackfillRunbook.confirmation(plan, operation);
    }

    /** Rows the filter selects, each beside the value the expression computes for it. */
    @Override
    public PreviewReport preview(ColumnBackfillPlan plan, int samples) {
        return db.on(store -> {
            RowPreview rows = new RowPreview(store);
            ColumnBackfillPlan.Backfill b = plan.backfill();
            List<PreviewReport.Sample> out = b == null
                    ? rows.rows(plan.schema(), plan.table(), "NULL", null, samples, null, null)
                    : rows.rows(plan.schema(), plan.table(), "(" + b.expression() + ")::text", b.filter(), samples,
                    b.column(), "backfill");
            return new PreviewReport(plan.name(), out);
        });
    }

    @Override
    public DryRunReport dryRun(ColumnBackfillPlan plan, RunListener listener) {
        Instant t0 = Instant.now();
        BackfillReport report = db.on(store -> new BackfillOperations(store, plan, listener, new RunControl()).dryRun());
        return BackfillReports.dryRun(plan, report, Duration.between(t0, Instant.now()));
    }

    /** up (columns and indexes), then the backfill, resumed from its checkpoint. */
    @Override
    public RunReport run(ColumnBackfillPlan plan, RunControl control, RunListener listener) {
        return db.on(store -> {
            BackfillOperations operations = new BackfillOperations(store, plan, listener, control);
            BackfillReport up = operations.up();
            BackfillReport filled = plan.backfill() == null || !up.ok() ? up : operations.backfill();
            String runId = new PostgresJournal(store.connection(), plan.schema()).latest(plan.name())
                    .map(PostgresJournal.RunRow::runId).orElse(plan.name() + "-up");
            return BackfillReports.run(plan, runId, up, filled, control);
        });
    }

    @Override
    public ValidationReport validate(ColumnBackfillPlan plan) {
        return db.on(store -> new BackfillOperations(store, plan, RunListener.NONE, new RunControl()).validate());
    }

    @Override
    public RollbackPreview rollbackPreview(ColumnBackfillPlan plan, String runId) {
        return db.on(store -> {
            Map<String, Long> dropped = new ColumnValues(store, plan).present();
            if (dropped.isEmpty() && plan.indexes().isEmpty()) {
                throw new FerryException("Plan " + plan.name() + " added nothing that is still in " + db.display()
                        + ": there is nothing to take down.");
            }
            Optional<PostgresJournal.RunRow> run = new PostgresJournal(store.connection(), plan.schema())
                    .latest(plan.name());
            return new RollbackPreview(run.map(PostgresJournal.RunRow::runId).orElse(plan.name() + "-up"),
                    plan.name(), db.database(), RunState.COMPLETED, dropped, Map.of());
        });
    }

    @Override
    public RollbackReport rollback(ColumnBackfillPlan plan, String runId, RunListener listener) {
        Instant t0 = Instant.now();
        RollbackPreview before = rollbackPreview(plan, runId);
        BackfillReport down = db.on(store -> new BackfillOperations(store, plan, listener, new RunControl()).down());
        boolean gone = db.on(store -> new ColumnValues(store, plan).present()).isEmpty();
        List<String> lines = new ArrayList<>(down.lines());
        lines.add(plan.table() + ": none of the plan's columns left: " + (gone ? "restored" : "MISMATCH"));
        return new RollbackReport(before.runId(), plan.name(), down.ok() && gone ? RunState.ROLLED_BACK
                : RunState.FAILED, before.toDelete(), Map.of(), down.ok() && gone, lines,
                Duration.between(t0, Instant.now()));
    }
}
