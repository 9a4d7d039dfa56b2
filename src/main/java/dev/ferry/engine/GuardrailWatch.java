package dev.ferry.engine;

import dev.ferry.plan.Guardrails;
import java.time.Duration;
import java.util.Optional;

/** Judges a run against its plan's guardrails after each batch. */
final class GuardrailWatch {

    private final Guardrails limits;
    private final Duration estimate;

    /** @param estimate the latest dry run's estimated duration for this plan version, or null when there was none */
    GuardrailWatch(Guardrails limits, Duration estimate) {
        this.limits = limits == null ? Guardrails.none() : limits;
        this.estimate = estimate;
    }

    record Breach(String guardrail, double observed, double limit, String description) { }

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
        if (limits.maxDurationFactor() != null && estimate != null && !estimate.isZero()) {
            double factor = (double) elapsed.toMillis() / estimate.toMillis();
            if (factor > limits.maxDurationFactor()) {
                return Optional.of(new Breach("max_duration_factor", factor, limits.maxDurationFactor(), String.format(
                        "running %.1f× the dry run's estimate of %s, above the limit of %.1f×",
                        factor, Durations.words(estimate), limits.maxDurationFactor())));
            }
        }
        return Optional.empty();
    }
}
