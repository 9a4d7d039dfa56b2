package dev.ferry.engine.runtime;

import dev.ferry.plan.RetrySpec;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a run waits for a database that went away or answers too slowly: exponential backoff with jitter, up to
 * {@code maxWait} in all, then it pauses. The plan's {@code retry:} sets it; what the plan leaves out comes from
 * {@code -Dferry.retry.max=SECONDS} (60 by default; 0 turns waiting off) and the built-in delays.
 *
 * @param limitSource where {@code maxWait} came from, for the pause message ("retry.max_wait in the plan")
 */
public record RetryPolicy(Duration maxWait, Duration firstDelay, Duration maxDelay, String limitSource) {

    static final Duration FIRST_DELAY = Duration.ofMillis(500);
    static final Duration MAX_DELAY = Duration.ofSeconds(10);

    /** The plan's {@code retry:} over the system property and the defaults. */
    public static RetryPolicy of(RetrySpec spec) {
        long property = Long.getLong("ferry.retry.max", 60);
        Duration maxWait = spec.maxWait() != null ? spec.maxWait() : Duration.ofSeconds(property);
        String source = spec.maxWait() != null ? "retry.max_wait in the plan" : "-Dferry.retry.max=" + property;
        Duration first = spec.firstDelay() != null ? spec.firstDelay() : FIRST_DELAY;
        Duration max = spec.maxDelay() != null ? spec.maxDelay() : MAX_DELAY;
        return new RetryPolicy(maxWait, first, first.compareTo(max) > 0 ? first : max, source);
    }

    /** The delay before attempt {@code attempt} (1-based): doubling from the first, capped, with ±50 % jitter. */
    public Duration delay(int attempt) {
        long base = Math.min(maxDelay.toMillis(), firstDelay.toMillis() << Math.min(attempt - 1, 20));
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base + 1);
        return Duration.ofMillis(Math.min(jittered, maxDelay.toMillis()));
    }
}
