package dev.ferry.engine.postgres;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RecordError;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.plan.UuidKeyPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The PostgreSQL operations' own reports in the terms every front end shows: dry run and run reports. */
final class PostgresReports {

    private PostgresReports() {
    }

    /**
     * validate_schema as a dry run: per converted table the rows its shadow copy rewrites and the storage the shadow
     * takes ({@link ShadowStorage}: the originals stay as the backup), the values at fault as errors (invalid,
     * orphaned, duplicate once normalised) with their rows, the blockers that keep the run from starting, and the notes.
     */
    static DryRunReport dryRun(UuidKeyPlan plan, SchemaReport schema, Map<String, Long> storage, Duration elapsed) {
        // every row of a converted table is copied into its shadow: the table's rows would all be rewritten
        Map<String, Long> tableRows = new LinkedHashMap<>();
        Map<String, Long> tableFaults = new LinkedHashMap<>();
        long faults = 0;
        for (SchemaReport.ColumnChange c : schema.changes()) {
            long bad = c.invalid() + c.orphans() + c.duplicates();
            faults += bad;
            tableRows.put(c.table(), c.rows());
            tableFaults.merge(c.table(), bad, Long::sum);
        }
        List<DryRunReport.TargetEstimate> targets = new ArrayList<>();
        tableRows.forEach((table, rows) -> targets.add(new DryRunReport.TargetEstimate(table, 0, rows, 0,
                tableFaults.get(table), storage.getOrDefault(table, 0L))));
        List<RecordError> errors = schema.badRows().stream()
                .map(b -> new RecordError(b.table() + " " + b.key(), b.column() + " = '" + b.value() + "': "
                        + b.problem()))
                .toList();
        List<String> notes = new ArrayList<>(schema.notes());
        for (SchemaReport.ColumnChange c : schema.changes()) {
            if (c.normalised() > 0) {
                notes.add(String.format("%,d value(s) of %s.%s are UUIDs in another spelling (upper case, braces, no"
                        + " hyphens): stored canonical after the conversion; the backup keeps the original text.",
                        c.normalised(), c.table(), c.column()));
            }
        }
        return new DryRunReport(plan.name(), plan.hash(), tableRows.values().stream().mapToLong(Long::longValue).sum(),
                targets, faults, errors, elapsed, null, storage.values().stream().mapToLong(Long::longValue).sum(),
                schema.blockers(), notes);
    }

    /** The backfill's dry run: the table and the rows its filter selects, what up would add, the new values' bytes. */
    static DryRunReport dryRun(ColumnBackfillPlan plan, BackfillReport report, Duration elapsed) {
        List<DryRunReport.TargetEstimate> targets = List.of(new DryRunReport.TargetEstimate(plan.table(), 0,
                report.rows(), 0, 0, report.bytes()));
        return new DryRunReport(plan.name(), plan.hash(), report.rows(), targets, 0, List.of(), elapsed, null,
                report.bytes(),
                report.ok() ? List.of() : report.lines(), report.lines());
    }

    /** A conversion's report as a run report: completed at the swap, else paused or cancelled between batches. */
    static RunReport run(UuidKeyPlan plan, UuidConversionReport r, RunControl control) {
        long rows = r.rows().values().stream().mapToLong(Long::longValue).sum();
        RunState state = r.ok() ? RunState.COMPLETED : stopped(control);
        return new RunReport(r.runId(), plan.name(), state, r.ok() ? rows : 0, rows, 0, r.ok() ? r.rows() : Map.of(),
                r.elapsed(), r.resumed(), String.join(" ", r.lines()));
    }

    /** up, then the backfill: completed when both are, else paused or cancelled where the backfill stopped. */
    static RunReport run(ColumnBackfillPlan plan, String runId, BackfillReport up, BackfillReport filled,
                         RunControl control) {
        List<String> lines = new ArrayList<>(up.lines());
        if (filled != up) {
            lines.addAll(filled.lines());
        }
        RunState state = up.ok() && filled.ok() ? RunState.COMPLETED : up.ok() ? stopped(control) : RunState.FAILED;
        long rows = filled == up ? 0 : filled.rows();
        return new RunReport(runId, plan.name(), state, rows, rows, 0, Map.of(plan.table(), rows),
                up.elapsed().plus(filled == up ? Duration.ZERO : filled.elapsed()), false, String.join(" ", lines));
    }

    private static RunState stopped(RunControl control) {
        return switch (control.requested()) {
            case PAUSE -> RunState.PAUSED;
            case CANCEL -> RunState.CANCELLED;
            default -> RunState.FAILED;
        };
    }
}
