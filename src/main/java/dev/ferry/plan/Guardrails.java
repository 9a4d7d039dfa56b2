package dev.ferry.plan;

/**
 * Limits that watch a run. A null limit is not checked.
 *
 * @param maxErrorRate      quarantined / processed above which the run breaches (e.g. 0.01)
 * @param maxDurationFactor elapsed time above this many times the dry run's estimate breaches
 * @param minThroughput     records per second below which (after {@code minRecords}) the run breaches
 * @param minRecords        records processed before rates are judged, so one early bad batch does not trip them
 * @param onBreach          what a breach does
 */
public record Guardrails(Double maxErrorRate, Double maxDurationFactor, Double minThroughput, long minRecords,
                         BreachAction onBreach) {

    public static Guardrails none() {
        return new Guardrails(null, null, null, 0, BreachAction.PAUSE);
    }

    public enum BreachAction { PAUSE, HALT, ROLLBACK }
}
