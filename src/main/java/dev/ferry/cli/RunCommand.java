package dev.ferry.cli;

import dev.ferry.format.HumanFormat;
import java.util.Optional;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.Plan;
import dev.ferry.store.mongo.MongoJournal;
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
        return exitCode(report);
    }

    /**
     * 0 only when the run completed and migrated every source record; 1 when it completed with records in quarantine
     * (or had none to migrate), or stopped before the end (paused by a guardrail, cancelled) and is resumable; 3 failed.
     */
    static int exitCode(RunReport r) {
        return switch (r.state()) {
            case COMPLETED -> r.quarantined() == 0 && r.processed() > 0 ? OK : CHECK_FAILED;
            case FAILED -> FAILURE;
            default -> CHECK_FAILED;
        };
    }

    static void print(RunReport r, PrintWriter out) {
        String written = r.written().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + HumanFormat.count(e.getValue())).collect(Collectors.joining(", "));
        if (r.state() == RunState.COMPLETED) {
            long migrated = r.processed() - r.quarantined();
            String mark = r.processed() == 0 || migrated == 0 ? "✗" : r.quarantined() > 0 ? "⚠" : "✓";
            String what = r.processed() == 0 ? "Nothing migrated: the source held no records"
                    : migrated == 0 ? "Nothing migrated: all " + HumanFormat.count(r.processed())
                    + " source records were quarantined"
                    : r.quarantined() > 0 ? "Migration complete with records in quarantine: " + HumanFormat.count(migrated)
                    + " of " + HumanFormat.count(r.processed()) + " source records migrated"
                    : "Migration complete: all " + HumanFormat.count(r.processed()) + " source records migrated";
            out.println(mark + " " + what + " in " + HumanFormat.duration(r.elapsed())
                    + (r.resumed() ? " (resumed)" : "") + ", " + HumanFormat.count(r.quarantined()) + " quarantined");
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
                    + " in " + MongoJournal.QUARANTINE + " with their reasons; `ferry dry-run` lists them too.");
        }
    }
}
