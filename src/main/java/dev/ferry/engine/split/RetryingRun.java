package dev.ferry.engine.split;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.runtime.RetryPolicy;
import dev.ferry.engine.runtime.TransientFailure;

import dev.ferry.FerryException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan and, when the database goes away or times out mid-run, waits (backoff with jitter, announced as
 * {@link RunEvent.WaitingForDatabase}) and resumes the same run from its checkpoint — the resume reverts whatever the
 * failed batch wrote, so nothing is lost or doubled. Past the policy's limit the run pauses, resumable, and is
 * journalled as paused when the journal can be reached.
 */
final class RetryingRun {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingRun.class);

    private final RetryPolicy policy;
    private final String plan;
    private final RunControl control;
    private final RunListener listener;
    /** The plan's latest run in the journal: a retry resumes only the run it started, never one taken over. */
    private final Supplier<Optional<RunSummary>> latestRun;
    /** Journals the run as paused with the reason (runId, message); true when it could. */
    private final BiPredicate<String, String> journalPause;
    /** Where the journal keeps quarantined records, for the report. */
    private final String quarantine;

    private String runId;
    private long processed;
    private long total = -1;
    private long quarantined;
    private Map<String, Long> written = Map.of();
    private boolean resumed;

    RetryingRun(RetryPolicy policy, String plan, RunControl control, RunListener listener,
                Supplier<Optional<RunSummary>> latestRun, BiPredicate<String, String> journalPause,
                String quarantine) {
        this.policy = policy;
        this.quarantine = quarantine;
        this.latestRun = latestRun;
        this.journalPause = journalPause;
        this.plan = plan;
        this.control = control;
        this.listener = listener;
    }

    RunReport run(BiFunction<RunListener, RunControl, RunReport> attempt) {
        Instant start = Instant.now();
        Instant firstFailure = null;
        for (int n = 1; ; n++) {
            RunControl attemptControl = control.attempt();
            String reason;
            try {
                if (n > 1 && runId != null) {
                    refuseIfTakenOver();
                }
                RunReport report = attempt.apply(this::track, attemptControl);
                if (report.state() != RunState.CANCELLED || !attemptControl.stoppedByEngine()) {
                    return report;
                }
                reason = attemptControl.reason(); // the lease could not be renewed: the database was away
            } catch (RuntimeException e) {
                reason = TransientFailure.reason(e).orElseThrow(() -> e);
            }
            firstFailure = firstFailure == null ? Instant.now() : firstFailure;
            Duration waited = Duration.between(firstFailure, Instant.now()); // sleeps and the attempts' own timeouts
            Duration delay = policy.delay(n);
            if (waited.plus(delay).compareTo(policy.maxWait()) > 0 || control.requested() != RunControl.Request.NONE) {
                return paused(reason, n - 1, waited, start);
            }
            LOG.warn("run {} of {}: waiting {} ms for the database (attempt {}): {}", runId, plan, delay.toMillis(),
                    n, reason);
            listener.on(new RunEvent.WaitingForDatabase(Instant.now(), runId, n, delay, reason));
            control.sleep(delay);
        }
    }

    private void refuseIfTakenOver() {
        Optional<RunSummary> latest = latestRun.get();
        if (latest.isEmpty() || !latest.get().runId().equals(runId) || !latest.get().state().resumable()) {
            throw new FerryException("While this process waited for the database, run " + runId + " of " + plan
                    + " was taken over" + latest.map(r -> " (the plan's latest run is now " + r.runId() + ", "
                    + r.state().label() + ")").orElse("") + ". Not resuming it; see ferry status.");
        }
    }

    private void track(RunEvent event) {
        if (event instanceof RunEvent.Started s) {
            runId = s.runId();
            processed = s.alreadyProcessed();
            total = s.total();
            resumed = resumed || s.resumed();
        } else if (event instanceof RunEvent.BatchDone b) {
            processed = b.processed();
            total = b.total();
            quarantined = b.quarantined();
            written = b.written();
        }
        listener.on(event);
    }

    private RunReport paused(String reason, int attempts, Duration waited, Instant start) {
        String message = "paused: the database did not come back (" + reason + ") after " + attempts
                + " retries over " + waited.toSeconds() + " s (" + policy.limitSource() + ": "
                + policy.maxWait().toSeconds() + " s). Nothing is lost: run the plan again to resume from the last"
                + " checkpoint.";
        LOG.warn("run {} of {} {}", runId, plan, message);
        if (runId == null) {
            throw new FerryException("Run of " + plan + " could not start: the database did not answer (" + reason
                    + ") over " + waited.toSeconds() + " s. Nothing was written; run the plan again when it is up.");
        }
        listener.on(new RunEvent.StateChanged(Instant.now(), runId, RunState.PAUSED, message));
        if (!journalled(message)) {
            message += " (The journal could not be updated while the database was away: status shows the run"
                    + " interrupted until then; it resumes all the same.)";
        }
        return new RunReport(runId, plan, RunState.PAUSED, processed, total, quarantined, written,
                Duration.between(start, Instant.now()), resumed, message, quarantine);
    }

    /** Best effort: the database this run waited for holds the journal, and may still be away. */
    private boolean journalled(String message) {
        try {
            return journalPause.test(runId, message);
        } catch (RuntimeException e) {
            LOG.warn("run {} of {}: could not journal the pause: {}", runId, plan, TransientFailure.reason(e)
                    .orElse(e.getClass().getSimpleName()));
            return false;
        }
    }
}
