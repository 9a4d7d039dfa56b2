package dev.ferry.cli;

import dev.ferry.format.HumanFormat;
import java.util.Optional;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.Plan;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ferry run}: runs the plan in batches, or resumes its unfinished run. Ctrl-C cancels after the current
 * batch and leaves the run resumable.
 */
@Command(name = "run", description = "Run the plan in batches (or resume its unfinished run from the last checkpoint)"
        + " with progress. Ctrl-C stops after the current batch; run again to resume.")
final class RunCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Mixin
    BatchSizeOption batchSize;

    @Override
    public Integer call() {
        Optional<Integer> pg = PgDispatch.run(this, database, plan, "full_migration", "run", false);
        if (pg.isPresent()) {
            return pg.get();
        }
        Plan loaded = batchSize.apply(plan.load());
        RunControl control = new RunControl();
        RunReport report;
        try (CancelOnInterrupt interrupt = CancelOnInterrupt.install(control, notes())) {
            try (MigrationEngine ferry = connect(database); CliProgress progress = progress(EngineJob.RUN, loaded.batch().size())) {
                report = ferry.run(loaded, control, progress);
            }
            // printed before the interrupt hook is released, so Ctrl-C still shows the final report
            if (json()) {
                printJson(report);
            } else {
                print(report, out());
            }
        }
        return exitCode(report.state());
    }

    /** 0 completed; 1 stopped before the end (paused by a guardrail, cancelled) and resumable; 3 failed. */
    static int exitCode(RunState state) {
        return switch (state) {
            case COMPLETED -> OK;
            case FAILED -> FAILURE;
            default -> CHECK_FAILED;
        };
    }

    static void print(RunReport r, PrintWriter out) {
        String written = r.written().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + HumanFormat.count(e.getValue())).collect(Collectors.joining(", "));
        if (r.state() == RunState.COMPLETED) {
            out.println("✓ Migration complete: " + HumanFormat.count(r.processed()) + " source records in "
                    + HumanFormat.duration(r.elapsed()) + (r.resumed() ? " (resumed)" : "") + ", "
                    + HumanFormat.count(r.processed() - r.quarantined()) + " migrated, "
                    + HumanFormat.count(r.quarantined()) + " quarantined");
        } else {
            out.println("✗ Run " + r.state().label() + " at " + HumanFormat.count(r.processed()) + "/"
                    + HumanFormat.count(r.total()) + " after " + HumanFormat.duration(r.elapsed())
                    + (r.message() == null || r.message().isBlank() ? "" : ": " + r.message()));
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
