package dev.ferry.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a run waits for a database that went away or answers too slowly: exponential backoff with jitter, up to
 * {@code maxWait} in all ({@code -Dferry.retry.max=SECONDS}, 60 by default; 0 turns waiting off), then it pauses.
 */
public record RetryPolicy(Duration maxWait, Duration firstDelay, Duration maxDelay) {

    public static RetryPolicy fromSystemProperties() {
        return new RetryPolicy(Duration.ofSeconds(Long.getLong("ferry.retry.max", 60)), Duration.ofMillis(500),
                Duration.ofSeconds(10));
    }

    /** The delay before attempt {@code attempt} (1-based): doubling from the first, capped, with ±50 % jitter. */
    public Duration delay(int attempt) {
        long base = Math.min(maxDelay.toMillis(), firstDelay.toMillis() << Math.min(attempt - 1, 20));
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base + 1);
        return Duration.ofMillis(Math.min(jittered, maxDelay.toMillis()));
    }
}
