package dev.ferry.cli;

import dev.ferry.format.HumanFormat;
import java.util.Optional;
import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RecordError;
import dev.ferry.plan.Plan;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry dry-run}: a full pass with no writes — counts, errors, estimated duration and storage. */
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
        Optional<Integer> pg = PgDispatch.run(this, database, plan, "validate_schema", "dry_run", false);
        if (pg.isPresent()) {
            return pg.get();
        }
        Plan loaded = batchSize.apply(plan.load());
        DryRunReport report;
        try (MigrationEngine ferry = connect(database); CliProgress progress = progress(EngineJob.DRY_RUN, loaded.batch().size())) {
            report = ferry.dryRun(loaded, progress);
        }
        if (json()) {
            printJson(report);
        } else {
            print(report, out(), verbose());
        }
        return exitCode(report);
    }

    /** 0 only when every source record would migrate; 1 when any would be quarantined, or the source is empty. */
    static int exitCode(DryRunReport r) {
        return r.sourceRecords() > 0 && r.errorCount() == 0 ? OK : CHECK_FAILED;
    }

    static void print(DryRunReport r, PrintWriter out, boolean all) {
        out.println("Dry run of " + r.plan() + " (plan " + r.planHash() + "), no writes, took "
                + HumanFormat.duration(r.elapsed()));
        long ok = r.sourceRecords() - r.errorCount();
        if (r.sourceRecords() == 0) {
            out.println("⚠ The source holds no records: nothing would be migrated. Check the plan's source and filter.");
        } else if (ok == 0) {
            out.println("✗ Would migrate nothing: all " + HumanFormat.count(r.sourceRecords()) + " source records would"
                    + " be quarantined");
        } else {
            out.println((r.errorCount() == 0 ? "✓" : "⚠") + " Would migrate " + HumanFormat.count(ok) + " of "
                    + HumanFormat.count(r.sourceRecords()) + " source records");
        }
        TextTable table = new TextTable("TARGET", ">INSERT", ">UPDATE", ">UNCHANGED", ">ERRORS", ">SIZE");
        for (DryRunReport.TargetEstimate t : r.targets()) {
            table.row(t.collection(), HumanFormat.count(t.wouldInsert()), HumanFormat.count(t.wouldUpdate()),
                    HumanFormat.count(t.wouldSkip()), HumanFormat.count(t.errors()), HumanFormat.bytes(t.bytes()));
        }
        table.print(out, "  ");
        DryRunReport.DurationParts parts = r.durationParts();
        out.println("✓ Estimated duration: " + HumanFormat.duration(r.estimatedDuration()) + (parts == null ? ""
                : String.format(" (read and map %s, writes %s, bookkeeping %s: %s batches × %.1f ms)",
                HumanFormat.duration(parts.readAndMap()), HumanFormat.duration(parts.writes()),
                HumanFormat.duration(parts.bookkeeping()), HumanFormat.count(parts.batches()),
                parts.perBatch().toNanos() / 1e6)));
        out.println("✓ Storage impact: +" + HumanFormat.bytes(r.estimatedBytes()) + " (estimated)");
        r.notes().forEach(n -> out.println("ℹ " + n));
        r.warnings().forEach(w -> out.println("⚠ " + w));
        if (r.errorCount() == 0) {
            out.println(r.warnings().isEmpty() ? "✓ No errors detected" : "⚠ No record would be quarantined, but read"
                    + " the warnings above");
            return;
        }
        out.println("✗ " + HumanFormat.count(r.errorCount()) + " records would be quarantined:");
        int shown = all ? r.errors().size() : Math.min(ERRORS_SHOWN, r.errors().size());
        for (RecordError e : r.errors().subList(0, shown)) {
            out.println("    " + e.sourceKey() + ": " + e.reason());
        }
        if (shown < r.errorCount()) {
            out.println("    … " + HumanFormat.count(r.errorCount() - shown) + " more (--json or --verbose lists "
                    + "what the report holds)");
        }
    }
}
