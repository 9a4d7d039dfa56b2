package dev.ferry.plan;

import java.time.Duration;

/**
 * How long a run waits for a database that went away before it pauses, as the plan's {@code retry:} sets it. A null
 * field was left out: the run uses {@code -Dferry.retry.max} (60 s by default) and the built-in backoff.
 *
 * @param maxWait    waiting in all before the run pauses; zero turns waiting off
 * @param firstDelay the first backoff delay, doubling from there
 * @param maxDelay   the longest single delay
 */
public record RetrySpec(Duration maxWait, Duration firstDelay, Duration maxDelay) {

    public static RetrySpec none() {
        return new RetrySpec(null, null, null);
    }
}
