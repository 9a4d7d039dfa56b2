package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RecordError;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.UuidKeyPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A conversion's own reports in the terms every front end shows: dry run and run reports. */
final class UuidKeyReports {

    private UuidKeyReports() {
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

    /** A conversion's report as a run report: completed at the swap, else paused or cancelled between batches. */
    static RunReport run(UuidKeyPlan plan, UuidConversionReport r, RunControl control) {
        long rows = r.rows().values().stream().mapToLong(Long::longValue).sum();
        RunState state = r.ok() ? RunState.COMPLETED : control.stoppedState();
        return new RunReport(r.runId(), plan.name(), state, r.ok() ? rows : 0, rows, 0, r.ok() ? r.rows() : Map.of(),
                r.elapsed(), r.resumed(), String.join(" ", r.lines()));
    }
}
