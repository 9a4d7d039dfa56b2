package dev.ferry.service;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RunListener;
import dev.ferry.plan.MigrationPlan;
import java.util.function.Consumer;

/**
 * Runs the session's plan as a dry run in the background (reads only). Success makes the plan ready to run: the run
 * button needs a dry run of the plan as it is now.
 */
public final class DryRunService {

    private final TaskExecutor executor;
    private final Session session;

    public DryRunService(TaskExecutor executor, Session session) {
        this.executor = executor;
        this.session = session;
    }

    /**
     * Starts a dry run; {@code progress} gets engine events on the engine's thread (coalesce them before painting);
     * {@code failed} gets the reason in words.
     */
    public void start(RunListener progress, Consumer<DryRunReport> done, Consumer<String> failed) {
        String refused = session.whyNot(Action.DRY_RUN);
        if (refused != null) {
            failed.accept(refused);
            return;
        }
        MigrationPlan plan = session.plan();
        ConsoleState before = session.state();
        session.moveTo(ConsoleState.DRY_RUNNING);
        session.info("dry run", "Dry run of " + plan.name() + " started");
        executor.execute(BackgroundTask.of("dry run", () -> session.engine().dryRun(plan, progress))
                .onSuccess(report -> {
                    session.moveTo(before == ConsoleState.DRAFT && report.runnable() ? ConsoleState.READY : before);
                    session.dryRunDone(report, plan.hash());
                    session.info("dry run", "Dry run of " + plan.name() + " done: " + report.sourceRecords()
                            + " source records, " + report.errorCount() + " would be quarantined");
                    report.blockers().forEach(b -> session.error("dry run", "Blocks the run: " + b));
                    done.accept(report);
                })
                .onFailure(error -> {
                    session.moveTo(before);
                    String reason = Failures.describe("The dry run", error);
                    session.error("dry run", reason);
                    failed.accept(reason);
                }));
    }
}
