package dev.ferry.cli;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RecordError;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanKind;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ferry dry-run}: a full pass with no writes — counts, errors, estimated duration and storage; exit 1 when it
 * found something that blocks the run.
 */
@Command(name = "dry-run", description = "Map every source record without writing: counts per target, errors with "
        + "source keys, estimated duration and storage impact.")
final class DryRunCommand extends Verb {

    private static final int ERRORS_SHOWN = 20;

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Mixin
    BatchSizeOption batchSize;

    @Override
    public Integer call() {
        MigrationPlan loaded = batchSize.apply(plan.load());
        DryRunReport report;
        try (MigrationEngine engine = connect(database); CliProgress progress = progress(EngineJob.DRY_RUN, loaded)) {
            report = engine.dryRun(loaded, progress);
        }
        if (json()) {
            printJson(report);
        } else {
            print(report, loaded.kind(), out(), verbose());
        }
        return exitCode(report, loaded.kind());
    }

    /**
     * 0 only when the run may start and, for a kind that quarantines, every source record would migrate; 1 when
     * something blocks the run, any record would be quarantined, or the source is empty.
     */
    static int exitCode(DryRunReport r, PlanKind kind) {
        boolean allMigrate = !kind.supports(PlanKind.Capability.QUARANTINE)
                || r.sourceRecords() > 0 && r.errorCount() == 0;
        return r.runnable() && allMigrate ? OK : CHECK_FAILED;
    }

    static void print(DryRunReport r, PrintWriter out, boolean all) {
        print(r, PlanKind.SPLIT, out, all);
    }

    /**
     * The report the console's Dry run screen shows, in the plan kind's words: a kind that quarantines what it cannot
     * migrate counts records that would be quarantined; another lists the rows at fault and what blocks the run.
     */
    static void print(DryRunReport r, PlanKind kind, PrintWriter out, boolean all) {
        boolean quarantines = kind.supports(PlanKind.Capability.QUARANTINE);
        out.println("Dry run of " + r.plan() + " (plan " + r.planHash() + "), no writes, took "
                + HumanFormat.duration(r.elapsed()));
        long ok = r.sourceRecords() - r.errorCount();
        if (!quarantines) {
            out.println((r.errorCount() == 0 ? "✓ " : "✗ ") + "Checked " + kind.records(r.sourceRecords(),
                    HumanFormat.count(r.sourceRecords())) + ": " + values(r.errorCount()) + " at fault");
        } else if (r.sourceRecords() == 0) {
            out.println("⚠ The source holds no records: nothing would be migrated. Check the plan's source and filter.");
        } else if (ok == 0) {
            out.println("✗ Would migrate nothing: all " + HumanFormat.count(r.sourceRecords()) + " source records would"
                    + " be quarantined");
        } else {
            out.println((r.errorCount() == 0 ? "✓" : "⚠") + " Would migrate " + HumanFormat.count(ok) + " of "
                    + HumanFormat.count(r.sourceRecords()) + " source records");
        }
        TextTable table = new TextTable(kind.supports(PlanKind.Capability.FIELD_MAPPING) ? "TARGET"
                : kind.container().toUpperCase(java.util.Locale.ROOT), ">INSERT", ">UPDATE", ">UNCHANGED", ">ERRORS",
                ">SIZE");
        for (DryRunReport.TargetEstimate t : r.targets()) {
            table.row(t.collection(), HumanFormat.count(t.wouldInsert()), HumanFormat.count(t.wouldUpdate()),
                    HumanFormat.count(t.wouldSkip()), HumanFormat.count(t.errors()), HumanFormat.bytes(t.bytes()));
        }
        table.print(out, "  ");
        DryRunReport.DurationParts parts = r.durationParts();
        if (r.estimatedDuration() != null) {
            out.println("✓ Estimated duration: " + HumanFormat.duration(r.estimatedDuration()) + (parts == null ? ""
                    : String.format(" (%sread and map %s, writes %s, bookkeeping %s: %s batches × %.1f ms%s)",
                    r.calibration() == null ? "" : "measured ", HumanFormat.duration(parts.readAndMap()),
                    HumanFormat.duration(parts.writes()), HumanFormat.duration(parts.bookkeeping()),
                    HumanFormat.count(parts.batches()), parts.perBatch().toNanos() / 1e6, r.calibration() == null
                            ? "" : String.format(java.util.Locale.ROOT, "; × %.2f, as earlier runs took",
                            r.calibration().factor()))));
        }
        out.println("✓ Storage impact: +" + HumanFormat.bytes(r.estimatedBytes()) + " (estimated)");
        r.notes().forEach(note -> out.println("ℹ " + note));
        r.warnings().forEach(w -> out.println("⚠ " + w));
        if (r.errorCount() > 0) {
            out.println("✗ " + (quarantines ? HumanFormat.count(r.errorCount()) + " records would be quarantined:"
                    : values(r.errorCount()) + " at fault:"));
            int shown = all ? r.errors().size() : Math.min(ERRORS_SHOWN, r.errors().size());
            for (RecordError e : r.errors().subList(0, shown)) {
                out.println("    " + e.sourceKey() + ": " + e.reason());
            }
            if (shown < r.errorCount()) {
                out.println("    … " + HumanFormat.count(r.errorCount() - shown) + " more (--json or --verbose lists "
                        + "what the report holds)");
            }
        }
        if (!r.runnable()) {
            out.println("✗ Blocks the run (fix, then dry-run again); nothing was changed:");
            r.blockers().forEach(b -> out.println("  - " + b));
        } else if (r.errorCount() == 0) {
            out.println(r.warnings().isEmpty() ? "✓ No errors detected" : "⚠ No record would be quarantined, but read"
                    + " the warnings above");
        }
    }

    private static String values(long n) {
        return HumanFormat.count(n) + (n == 1 ? " value" : " values");
    }
}
