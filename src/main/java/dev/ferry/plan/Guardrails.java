package dev.ferry.plan;

/**
 * Limits that watch a run. A null limit is not checked.
 *
 * @param maxErrorRate      quarantined / processed above which the run breaches (e.g. 0.01)
 * @param maxDurationFactor elapsed time above this many times the dry run's estimate breaches
 * @param minThroughput     records per second below which (after {@code minRecords}) the run breaches
 * @param minRecords        records processed before rates are judged, so one early bad batch does not trip them
 * @param onBreach          what a breach does
 * @param defaulted         the plan has no {@code guardrails:}, so these are Ferry's defaults ({@link #defaults()})
 */
public record Guardrails(Double maxErrorRate, Double maxDurationFactor, Double minThroughput, long minRecords,
                         BreachAction onBreach, boolean defaulted, ThrottleSpec throttle) {

    public Guardrails {
        throttle = throttle == null ? ThrottleSpec.none() : throttle;
    }

    public Guardrails(Double maxErrorRate, Double maxDurationFactor, Double minThroughput, long minRecords,
                      BreachAction onBreach, boolean defaulted) {
        this(maxErrorRate, maxDurationFactor, minThroughput, minRecords, onBreach, defaulted, ThrottleSpec.none());
    }

    /** The error rate a plan without guardrails is held to: a run that quarantines more than this pauses. */
    public static final double DEFAULT_MAX_ERROR_RATE = 0.01;

    public Guardrails(Double maxErrorRate, Double maxDurationFactor, Double minThroughput, long minRecords,
                      BreachAction onBreach) {
        this(maxErrorRate, maxDurationFactor, minThroughput, minRecords, onBreach, false);
    }

    /** No limits at all (tests of the engine's other parts); a plan file always has at least the defaults. */
    public static Guardrails none() {
        return new Guardrails(null, null, null, 0, BreachAction.PAUSE);
    }

    /**
     * What a plan without {@code guardrails:} gets: more than 1 % of records quarantined pauses the run, so a plan
     * that fails on most records stops early instead of quarantining the whole source.
     */
    public static Guardrails defaults() {
        return new Guardrails(DEFAULT_MAX_ERROR_RATE, null, null, 0, BreachAction.PAUSE, true);
    }

    /** The limits in words, for lint, dry run and reports: "max error rate 1 %, on breach pause (default)". */
    public String describe() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (maxErrorRate != null) {
            parts.add("max error rate " + percent(maxErrorRate));
        }
        if (maxDurationFactor != null) {
            parts.add("max duration " + maxDurationFactor + "× the estimate");
        }
        if (minThroughput != null) {
            parts.add("min throughput " + minThroughput + " records/s");
        }
        if (minRecords > 0) {
            parts.add("judged after " + minRecords + " records");
        }
        if (throttle.maxReplicaLag() != null) {
            parts.add("slows down past a replica lag of " + throttle.maxReplicaLag().toSeconds() + " s");
        }
        if (throttle.maxWalPerSecond() != null) {
            parts.add("slows down past " + throttle.maxWalPerSecond() / (1024 * 1024) + " MB/s of WAL");
        }
        if (parts.isEmpty()) {
            return "none";
        }
        return String.join(", ", parts) + ", on breach " + onBreach.name().toLowerCase(java.util.Locale.ROOT)
                + (defaulted ? " (Ferry's default: the plan has no guardrails)" : "");
    }

    private static String percent(double fraction) {
        double pct = fraction * 100;
        return (pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct)) + " %";
    }

    public enum BreachAction { PAUSE, HALT, ROLLBACK }
}
