package dev.ferry.plan;

import java.time.Duration;

/**
 * When a run slows down for its target's sake ({@code guardrails.throttle}): past either limit it waits between
 * batches, a wait that doubles while the target stays over (up to {@code maxDelay}, the slowest pace) and halves
 * once it is back under.
 *
 * @param maxReplicaLag   the replicas' replay lag above which the run slows; null: not watched
 * @param maxWalPerSecond the target's log (WAL, oplog) bytes per second above which it slows; null: not watched
 * @param maxDelay        the longest wait between two batches
 * @param checkEvery      how often the target is asked
 */
public record ThrottleSpec(Duration maxReplicaLag, Long maxWalPerSecond, Duration maxDelay, Duration checkEvery) {

    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofSeconds(1);

    public static ThrottleSpec none() {
        return new ThrottleSpec(null, null, DEFAULT_MAX_DELAY, DEFAULT_CHECK_EVERY);
    }

    public ThrottleSpec {
        maxDelay = maxDelay == null ? DEFAULT_MAX_DELAY : maxDelay;
        checkEvery = checkEvery == null ? DEFAULT_CHECK_EVERY : checkEvery;
    }

    public boolean watches() {
        return maxReplicaLag != null || maxWalPerSecond != null;
    }
}
