package dev.ferry.service;

import dev.ferry.plan.BundledPlan;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.MigrationPlans;
import dev.ferry.plan.PlanException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Opens plan files for the console in the background; a malformed plan comes back as its lint errors. */
public final class PlanService {

    private final TaskExecutor executor;
    private final Session session;
    private final RecentPlans recent;

    public PlanService(TaskExecutor executor, Session session, RecentPlans recent) {
        this.executor = executor;
        this.session = session;
        this.recent = recent;
    }

    public RecentPlans recent() {
        return recent;
    }

    /** Loads {@code file}; on success the session holds it as a draft; on failure {@code failed} gets the errors. */
    public void open(Path file, Consumer<PlanException> failed) {
        executor.execute(BackgroundTask.of("open plan", () -> MigrationPlans.load(file))
                .onSuccess(plan -> {
                    recent.add(file);
                    session.planOpened(plan);
                    syncState();
                })
                .onFailure(error -> report(error, file.toString(), failed)));
    }

    /** Loads the built-in runbook 000 plan. */
    public void openBundled(Consumer<PlanException> failed) {
        executor.execute(BackgroundTask.of("open built-in plan", PlanService::bundled)
                .onSuccess(plan -> {
                    session.planOpened(plan);
                    syncState();
                })
                .onFailure(error -> report(error, BundledPlan.RESOURCE, failed)));
    }

    /** Runbook 000's plan as built into Ferry, so the demo has something to run in the first minute. */
    public static MigrationPlan bundled() {
        return BundledPlan.load();
    }

    /**
     * Takes the plan's state from its latest run in the connected database's journal, so that a console opened on a
     * run that completed, or died, yesterday shows it as such (and offers validate, resume or roll back).
     */
    public void syncState() {
        var ferry = session.engine();
        var plan = session.plan();
        if (ferry == null || plan == null || session.state().busy()) {
            return;
        }
        executor.execute(BackgroundTask.of("read run history", () -> ferry.history(plan.name()))
                .onSuccess(runs -> {
                    if (!runs.isEmpty() && session.plan() == plan && !session.state().busy()) {
                        var latest = runs.get(0);
                        var ended = dev.ferry.engine.RunOutcome.of(latest);
                        session.moveTo(ConsoleState.of(latest.state()), ended);
                        session.info("plan", "Latest run of " + plan.name() + ": " + latest.runId() + ", "
                                + ended.flagged());
                    }
                })
                .onFailure(error -> session.warn("plan", Failures.describe("Reading the run history", error))));
    }

    private void report(Throwable error, String where, Consumer<PlanException> failed) {
        if (error instanceof PlanException plan) {
            session.error("plan", plan.getMessage());
            failed.accept(plan);
        } else {
            String reason = Failures.describe("Opening the plan " + where, error);
            session.error("plan", reason);
            failed.accept(new PlanException(java.util.List.of(new dev.ferry.plan.PlanError(where, 0, 0, "", reason))));
        }
    }
}
