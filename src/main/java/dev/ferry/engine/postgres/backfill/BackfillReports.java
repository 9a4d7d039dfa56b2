package dev.ferry.engine.postgres.backfill;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.ColumnBackfillPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The backfill's own reports in the terms every front end shows: dry run and run reports. */
final class BackfillReports {

    private BackfillReports() {
    }

    /** The backfill's dry run: the table and the rows its filter selects, what up would add, the new values' bytes. */
    static DryRunReport dryRun(ColumnBackfillPlan plan, BackfillReport report, Duration elapsed) {
        List<DryRunReport.TargetEstimate> targets = List.of(new DryRunReport.TargetEstimate(plan.table(), 0,
                report.rows(), 0, 0, report.bytes()));
        return new DryRunReport(plan.name(), plan.hash(), report.rows(), targets, 0, List.of(), elapsed, null,
                report.bytes(),
                report.ok() ? List.of() : report.lines(), report.lines());
    }

    /** up, then the backfill: completed when both are, else paused or cancelled where the backfill stopped. */
    static RunReport run(ColumnBackfillPlan plan, String runId, BackfillReport up, BackfillReport filled,
                         RunControl control) {
        List<String> lines = new ArrayList<>(up.lines());
        if (filled != up) {
            lines.addAll(filled.lines());
        }
        RunState state = up.ok() && filled.ok() ? RunState.COMPLETED : up.ok() ? control.stoppedState() : RunState.FAILED;
        long rows = filled == up ? 0 : filled.rows();
        return new RunReport(runId, plan.name(), state, rows, rows, 0, Map.of(plan.table(), rows),
                up.elapsed().plus(filled == up ? Duration.ZERO : filled.elapsed()), false, String.join("; ", lines));
    }
}
