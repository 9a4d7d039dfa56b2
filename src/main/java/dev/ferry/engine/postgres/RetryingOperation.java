package dev.ferry.engine.postgres;

import dev.ferry.engine.runtime.RetryPolicy;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunState;
import dev.ferry.store.postgres.PostgresStore;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one runbook operation and, when PostgreSQL ends the connection or fails the transaction transiently, waits
 * (backoff with jitter, announced as {@link RunEvent.WaitingForDatabase}), reconnects and runs it again. Every
 * operation goes on from what the journal committed (a batch commits with its journal row; the swap is one
 * transaction), so nothing is lost or done twice. Past the policy's limit it gives up with {@link DatabaseAway}; the
 * run stays resumable.
 */
public final class RetryingOperation {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingOperation.class);

    private final PostgresStore store;
    private final RetryPolicy policy;
    private final RunListener listener;
    private final RunControl control;
    private final String plan;
    private volatile String runId;

    public RetryingOperation(PostgresStore store, MigrationPlan plan, RunListener listener, RunControl control) {
        this.store = store;
        this.plan = plan.name();
        this.listener = listener;
        this.control = control;
        this.policy = RetryPolicy.of(plan.retry()); // the plan's retry: over -Dferry.retry.max
    }

    /** The listener to give each attempt: it notes the run id for the waiting events. */
    public RunListener listener() {
        return event -> {
            if (event instanceof RunEvent.Started s) {
                runId = s.runId();
            }
            listener.on(event);
        };
    }

    /** {@code attempt} until it returns or fails for good; {@code operation} names it in the messages. */
    public <T> T run(String operation, Supplier<T> attempt) {
        Instant firstFailure = null;
        for (int n = 1; ; n++) {
            String reason;
            try {
                if (n > 1 || store.connectionLost()) { // lost: an earlier operation left it so
                    store.reconnect();
                }
                return attempt.get();
            } catch (RuntimeException e) {
                reason = TransientSqlFailure.reason(e).orElseThrow(() -> e);
            }
            firstFailure = firstFailure == null ? Instant.now() : firstFailure;
            Duration waited = Duration.between(firstFailure, Instant.now());
            Duration delay = policy.delay(n);
            if (waited.plus(delay).compareTo(policy.maxWait()) > 0 || control.requested() != RunControl.Request.NONE) {
                throw away(operation, reason, n - 1, waited);
            }
            LOG.warn("{} of {} (run {}): waiting {} ms for the database (attempt {}): {}", operation, plan, runId,
                    delay.toMillis(), n, reason);
            listener.on(new RunEvent.WaitingForDatabase(Instant.now(), runId, n, delay, reason));
            control.sleep(delay);
        }
    }

    private DatabaseAway away(String operation, String reason, int retries, Duration waited) {
        String message = operation + " of " + plan + (runId == null ? "" : " (run " + runId + ")")
                + " paused: the database did not come back (" + reason + ") after " + retries + " retries over "
                + waited.toSeconds() + " s (" + policy.limitSource() + ": " + policy.maxWait().toSeconds() + " s)."
                + " Nothing is lost:"
                + " run `ferry pg op " + operation + "` again when PostgreSQL is up; it goes on from what is"
                + " committed (the last batch, or the columns and indexes already there).";
        LOG.warn(message);
        if (runId != null) {
            listener.on(new RunEvent.StateChanged(Instant.now(), runId, RunState.PAUSED, message));
        }
        return new DatabaseAway(message, runId);
    }
}
