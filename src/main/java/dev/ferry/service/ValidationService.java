package dev.ferry.service;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.RecordComparison;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.CheckSpec;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the plan's validation checks in the background (reads only; in a worker process when runs go to workers, except
 * a single check re-run, which the CLI has no verb for) and moves the session to validated or mismatched.
 * A check that could not run is not a failure: with no failures and some could-not-check, the run stays completed.
 */
public final class ValidationService {

    private final TaskExecutor executor;
    private final Session session;
    /** The latest result of each check of the plan with {@link #latestHash}, so re-running one keeps the others. */
    private final Map<String, CheckResult> latest = new LinkedHashMap<>();
    private String latestHash;

    public ValidationService(TaskExecutor executor, Session session) {
        this.executor = executor;
        this.session = session;
    }

    /** Runs every check, or only {@code only} when not null. */
    public void validate(CheckSpec only, Consumer<ValidationReport> done, Consumer<String> failed) {
        String refused = session.whyNot(Action.VALIDATE);
        if (refused != null) {
            failed.accept(refused);
            return;
        }
        // a kind whose checks the engine decides (from the catalog) runs them all together
        boolean listed = session.planKind().supports(PlanKind.Capability.CHECKS_IN_PLAN);
        MigrationPlan plan = only == null || !listed ? session.plan() : session.plan().withChecks(List.of(only));
        int planChecks = session.plan().checks().size();
        ConsoleState before = session.state();
        session.moveTo(ConsoleState.VALIDATING);
        session.info("validation", only == null || !listed ? "Validating " + plan.name()
                + (listed ? ": " + planChecks + " checks" : "") : "Re-running check " + only.name());
        boolean inWorker = WorkerJob.usable(session, plan) && (only == null || !listed);
        String uri = session.connectionUri();
        executor.execute(BackgroundTask.of("validation", () -> inWorker
                ? WorkerJob.run(plan, uri, "validate", List.of(), ValidationReport.class).resultOrFail("Validation")
                : session.engine().validate(plan))
                .onSuccess(report -> {
                    remember(plan, report, only == null);
                    log(report);
                    done.accept(report); // the screen shows the results before the state says they are in
                    session.moveTo(verdict(latest.values(), listed ? planChecks : report.checks().size()));
                })
                .onFailure(error -> {
                    session.moveTo(before);
                    String reason = Failures.describe("Validation", error);
                    session.error("validation", reason);
                    failed.accept(reason);
                }));
    }

    /** Reads one source record and its targets for the evidence pane. */
    public void compare(String sourceKey, Consumer<RecordComparison> done, Consumer<String> failed) {
        MigrationPlan plan = session.plan();
        if (plan == null || !plan.kind().supports(PlanKind.Capability.RECORD_EVIDENCE)) {
            failed.accept("Record-by-record evidence is for plans that map documents; a " + session.planKind().label()
                    + " plan's checks list the " + session.planKind().records() + " at fault in their evidence.");
            return;
        }
        executor.execute(BackgroundTask.of("compare record", () -> session.engine().compare(plan, sourceKey))
                .onSuccess(done)
                .onFailure(error -> failed.accept(Failures.describe("Reading record " + sourceKey, error))));
    }

    /**
     * Where the run stands given the latest result of each check: any failure means mismatched; validated needs every
     * one of the plan's {@code planChecks} checks passed; otherwise (not all run, or some could not check) completed.
     */
    static ConsoleState verdict(Collection<CheckResult> results, int planChecks) {
        if (results.stream().anyMatch(c -> c.status() == CheckResult.CheckStatus.FAILED)) {
            return ConsoleState.MISMATCHED;
        }
        boolean allPassed = results.size() >= planChecks
                && results.stream().allMatch(c -> c.status() == CheckResult.CheckStatus.PASSED);
        return allPassed ? ConsoleState.VALIDATED : ConsoleState.COMPLETED;
    }

    private void remember(MigrationPlan plan, ValidationReport report, boolean all) {
        if (all || !plan.hash().equals(latestHash)) {
            latest.clear();
        }
        latestHash = plan.hash();
        report.checks().forEach(c -> latest.put(c.name(), c));
    }

    private void log(ValidationReport report) {
        for (CheckResult check : report.checks()) {
            String line = check.name() + ": " + check.status().name().toLowerCase().replace('_', ' ') + " — "
                    + check.summary();
            if (check.status() == CheckResult.CheckStatus.PASSED) {
                session.info("validation", line);
            } else if (check.status() == CheckResult.CheckStatus.FAILED) {
                session.error("validation", line);
            } else {
                session.warn("validation", line);
            }
        }
    }
}
