package dev.ferry.engine.split;

import dev.ferry.format.HumanFormat;

import dev.ferry.plan.Guardrails;
import java.time.Duration;
import java.util.Optional;

/**
 * Judges one session of a run (from its start or resume to its end or pause) against its plan's guardrails after
 * each batch. Rates count this session's records only; the duration limit compares this session's time with the dry
 * run's estimate for the share of records it had left, so a run resumed after a pause is judged on what it still
 * does — not on time already spent, which would breach again at once and never let it finish.
 */
final class GuardrailWatch {

    private final Guardrails limits;
    private final Duration estimate;
    private final double share;

    /**
     * @param estimate the latest dry run's estimated duration for this plan version (all records), or null
     * @param share    the fraction of the source's records this session had left when it started (1 for a new run)
     */
    GuardrailWatch(Guardrails limits, Duration estimate, double share) {
        this.limits = limits == null ? Guardrails.none() : limits;
        this.estimate = estimate;
        this.share = Math.max(0, Math.min(1, share));
    }

    record Breach(String guardrail, double observed, double limit, String description) { }

    /** @param processed, quarantined and elapsed: this session's */
    Optional<Breach> check(long processed, long quarantined, double recordsPerSecond, Duration elapsed) {
        boolean judged = processed >= limits.minRecords();
        if (judged && limits.maxErrorRate() != null && processed > 0) {
            double rate = (double) quarantined / processed;
            if (rate > limits.maxErrorRate()) {
                return Optional.of(new Breach("max_error_rate", rate, limits.maxErrorRate(), String.format(
                        "%,d of %,d records quarantined (%.2f%%), above the limit of %.2f%%",
                        quarantined, processed, 100 * rate, 100 * limits.maxErrorRate())));
            }
        }
        if (judged && limits.minThroughput() != null && recordsPerSecond < limits.minThroughput()) {
            return Optional.of(new Breach("min_throughput", recordsPerSecond, limits.minThroughput(), String.format(
                    "throughput %.0f records/s, below the floor of %.0f records/s",
                    recordsPerSecond, limits.minThroughput())));
        }
        long budgetMs = estimate == null ? 0 : Math.round(estimate.toMillis() * share);
        if (limits.maxDurationFactor() != null && budgetMs > 0) {
            double factor = (double) elapsed.toMillis() / budgetMs;
            if (factor > limits.maxDurationFactor()) {
                String against = share >= 1 ? "the dry run's estimate of " + HumanFormat.duration(estimate)
                        : String.format("the dry run's estimate for the %.0f%% of records left when it resumed (%s)",
                        100 * share, HumanFormat.duration(Duration.ofMillis(budgetMs)));
                return Optional.of(new Breach("max_duration_factor", factor, limits.maxDurationFactor(), String.format(
                        "running %.1f× %s, above the limit of %.1f×", factor, against, limits.maxDurationFactor())));
            }
        }
        return Optional.empty();
    }
}
