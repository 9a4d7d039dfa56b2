package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.RunState;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanKind;
import dev.ferry.spark.SparkSettings;
import dev.ferry.spark.SparkSubmission;
import dev.ferry.spark.SparkVerb;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry run}: runs the plan in batches, or resumes its unfinished run, as the console's Run does for every
 * kind (a key conversion backs up and converts; a backfill adds its columns and backfills). Ctrl-C cancels after the
 * current batch and leaves the run resumable.
 */
@Command(name = "run", description = "Run the plan in batches (or resume its unfinished run from the last checkpoint)"
        + " with progress. Ctrl-C stops after the current batch; run again to resume. --detach runs it in a worker"
        + " process and returns.")
final class RunCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Mixin
    BatchSizeOption batchSize;

    @Mixin
    PartitionsOption partitions;

    @Option(names = "--partition", paramLabel = "I", description = "work only partition I (from 1) of the plan's run"
            + " in partitions, as one of its worker processes; `ferry run` without it completes the run")
    Integer partition;

    @Mixin
    SparkOptions spark;

    @Option(names = "--detach", description = "start the run in a worker process of its own, print its run id once"
            + " the journal shows it, and exit; the run goes on (watch it with ferry status --follow)")
    boolean detach;

    @Option(names = {"--wait", "--wait-for-lease"}, description = "When another live process holds the plan's lease,"
            + " wait for it with a countdown (and take the run over when it lets go) instead of exiting 3. Ctrl-C stops"
            + " waiting.")
    boolean waitForLease;

    @Override
    public Integer call() {
        MigrationPlan loaded = partitions.apply(batchSize.apply(plan.load()));
        if (spark.onSpark()) {
            if (partition != null || detach) {
                throw new CliUsageException((detach ? "--detach" : "--partition") + " does not go with --runner spark:"
                        + " Spark's driver works the partitions, and the command waits for it.");
            }
            return onSpark(loaded);
        }
        if (detach) {
            return detached(loaded);
        }
        RunControl control = new RunControl();
        RunReport report;
        try (CancelOnInterrupt interrupt = CancelOnInterrupt.install(control, notes())) {
            try (MigrationEngine engine = connect(database); CliProgress progress = progress(EngineJob.RUN, loaded)) {
                if (partition != null) {
                    report = onePartition(engine, loaded, control, progress);
                } else if (!waitForLease) {
                    report = engine.run(loaded, control, progress);
                } else {
                    LeaseWait.Outcome waited = new LeaseWait(engine, loaded.name(), control, notes())
                            .run(() -> engine.run(loaded, control, progress));
                    if (waited.finishedMeanwhile() != null) {
                        return finishedMeanwhile(waited.finishedMeanwhile());
                    }
                    report = waited.report();
                }
            }
            // printed before the interrupt hook is released, so Ctrl-C still shows the final report
            if (json()) {
                printJson(report);
            } else {
                print(report, loaded.kind(), out());
            }
        }
        return exitCode(report, loaded.kind());
    }

    /**
     * The run's partitions as Spark tasks: cuts (or reads back) the run's key ranges here, submits the application,
     * and once every range is done completes the run as its coordinator, which prints the usual report.
     */
    private Integer onSpark(MigrationPlan loaded) {
        SparkSettings settings = spark.settings(terminal());
        int count = loaded.partitions() > 1 ? loaded.partitions() : settings.defaultPartitions();
        MigrationPlan parted = loaded.withPartitions(count);
        java.util.List<dev.ferry.engine.Partition> ranges;
        try (MigrationEngine engine = connect(database)) {
            ranges = engine.partitions(parted, count);
        }
        String runId = ranges.get(0).runId();
        notes().println("Run " + runId + " of " + loaded.name() + ": " + ranges.size() + " partitions as Spark tasks on "
                + settings.master());
        notes().flush();
        SparkSubmission.Outcome outcome = new SparkSubmission(settings).run(SparkVerb.RUN, plan.file,
                database.resolve(terminal()), database.other(terminal()), java.util.List.of(
                        String.valueOf(ranges.size()), String.valueOf(batchSize.size == null ? 0 : batchSize.size),
                        runId), line -> {
                    notes().println(line);
                    notes().flush();
                });
        if (!outcome.finished()) {
            notes().println("✗ Spark application " + (outcome.appId() == null ? "" : outcome.appId() + " ")
                    + "ended " + outcome.state() + " before every partition of run " + runId + " was done; see "
                    + outcome.log() + ".");
            notes().println("  Run the same command again to resume: each partition continues from its checkpoint.");
            return FAILURE;
        }
        RunControl control = new RunControl();
        RunReport report;
        try (CancelOnInterrupt interrupt = CancelOnInterrupt.install(control, notes());
             MigrationEngine engine = connect(database); CliProgress progress = progress(EngineJob.RUN, parted)) {
            report = engine.run(parted, control, progress);
        }
        if (json()) {
            printJson(report);
        } else {
            print(report, loaded.kind(), out());
        }
        return exitCode(report, loaded.kind());
    }

    private RunReport onePartition(MigrationEngine engine, MigrationPlan loaded, RunControl control,
                                   CliProgress progress) {
        java.util.List<dev.ferry.engine.Partition> ranges = engine.partitions(loaded, loaded.partitions());
        if (partition < 1 || partition > ranges.size()) {
            throw new CliUsageException("--partition must be 1 to " + ranges.size() + ": run "
                    + ranges.get(0).runId() + " has " + ranges.size() + " partitions.");
        }
        return engine.runPartition(loaded, ranges.get(partition - 1), control, progress);
    }

    private int detached(MigrationPlan loaded) {
        List<String> extra = new java.util.ArrayList<>();
        if (batchSize.size != null) {
            extra.addAll(List.of("--batch-size", String.valueOf(batchSize.size)));
        }
        if (partitions.partitions != null) {
            extra.addAll(List.of("--partitions", String.valueOf(partitions.partitions)));
        }
        DetachedWorker worker;
        try (MigrationEngine engine = connect(database)) {
            worker = DetachedWorker.start(engine, loaded.name(), plan.absolute(), database.resolve(terminal()),
                    database.other(terminal()), extra, notes());
        }
        if (json()) {
            printJson(worker);
        } else {
            worker.print(out(), "started");
        }
        return OK;
    }

    /** The run this process waited for was finished by its holder: nothing is left to run; its outcome decides. */
    private int finishedMeanwhile(RunSummary r) {
        if (json()) {
            printJson(r);
        } else {
            out().println("Run " + r.runId() + " of " + r.plan() + " finished while this one waited: "
                    + r.state().label() + ", " + HumanFormat.count(r.processed()) + "/" + HumanFormat.count(r.total())
                    + " processed, " + HumanFormat.count(r.quarantined()) + " quarantined. Nothing left to run.");
        }
        return switch (r.state()) {
            case COMPLETED -> r.quarantined() == 0 && r.processed() > 0 ? OK : CHECK_FAILED;
            case FAILED -> FAILURE;
            default -> CHECK_FAILED;
        };
    }

    /**
     * 0 only when the run completed and, for a kind that quarantines, migrated every source record; 1 when it
     * completed with records in quarantine (or had none to migrate), or stopped before the end (paused by a
     * guardrail, cancelled) and is resumable; 3 failed.
     */
    static int exitCode(RunReport r, PlanKind kind) {
        boolean allMigrated = !kind.supports(PlanKind.Capability.QUARANTINE)
                || r.quarantined() == 0 && r.processed() > 0;
        return switch (r.state()) {
            case COMPLETED -> allMigrated ? OK : CHECK_FAILED;
            case FAILED -> FAILURE;
            default -> CHECK_FAILED;
        };
    }

    /** A completed split in words that are never green unless every record migrated: ✓, ⚠ with quarantine, ✗ none. */
    private static String splitOutcome(RunReport r) {
        long migrated = r.processed() - r.quarantined();
        String mark = dev.ferry.engine.RunOutcome.of(r, true).mark(); // the mark History and the console show too
        String what = r.processed() == 0 ? "Nothing migrated: the source held no records"
                : migrated == 0 ? "Nothing migrated: all " + HumanFormat.count(r.processed())
                + " source records were quarantined"
                : r.quarantined() > 0 ? "Migration complete with records in quarantine: " + HumanFormat.count(migrated)
                + " of " + HumanFormat.count(r.processed()) + " source records migrated"
                : "Migration complete: all " + HumanFormat.count(r.processed()) + " source records migrated";
        return mark + " " + what + " in " + HumanFormat.duration(r.elapsed()) + (r.resumed() ? " (resumed)" : "")
                + ", " + HumanFormat.count(r.quarantined()) + " quarantined";
    }

    static void print(RunReport r, PrintWriter out) {
        print(r, PlanKind.SPLIT, out);
    }

    /** The report the console's Run screen ends with, in the plan kind's words. */
    static void print(RunReport r, PlanKind kind, PrintWriter out) {
        boolean quarantines = kind.supports(PlanKind.Capability.QUARANTINE);
        String written = r.written().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + HumanFormat.count(e.getValue())).collect(Collectors.joining(", "));
        String message = r.message() == null || r.message().isBlank() ? null : r.message();
        if (r.state() == RunState.COMPLETED) {
            if (quarantines) {
                out.println(splitOutcome(r));
            } else {
                out.println("✓ Migration complete: " + kind.records(r.processed(), HumanFormat.count(r.processed()))
                        + " in " + HumanFormat.duration(r.elapsed()) + (r.resumed() ? " (resumed)" : ""));
            }
            if (message != null) {
                out.println("  " + message);
            }
        } else {
            out.println("✗ Run " + r.state().label() + " at " + HumanFormat.count(r.processed()) + "/"
                    + HumanFormat.count(r.total()) + " after " + HumanFormat.duration(r.elapsed())
                    + (message == null ? "" : ": " + message));
            if (r.state().resumable()) {
                out.println("  Run the same command again to resume from the last checkpoint.");
            }
        }
        out.println("  run " + r.runId() + " of " + r.plan() + (written.isEmpty() ? "" : " · written: " + written));
        if (r.quarantined() > 0) {
            out.println("  " + HumanFormat.count(r.quarantined()) + (r.quarantined() == 1 ? " record is" : " records are")
                    + " in " + (r.quarantine().isEmpty() ? "the journal's quarantine" : r.quarantine())
                    + " with their reasons; `ferry dry-run` lists them too.");
        }
    }
}
