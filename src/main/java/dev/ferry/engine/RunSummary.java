package dev.ferry.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One run as the journal records it, for {@code status} and {@code history}.
 *
 * @param state       the effective state: a run journalled as running whose lease expired shows as interrupted
 * @param leaseHolder who holds the run's lease while it runs, else null
 * @param validation  the run's latest validation; null when it was never validated (or before Ferry recorded it)
 * @param quarantines the run's kind quarantines records it cannot migrate (a split), so that its outcome counts them
 *                    ({@link RunOutcome}); false for a runbook operation
 * @param estimated   the dry run's estimate the run had; null when it had none
 * @param took        the completed run's running time beside that estimate; null until it completed
 */
public record RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                         Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                         Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation,
                         boolean quarantines, Duration estimated, Duration took) {
    public RunSummary {
        written = Map.copyOf(written);
    }

    /** A run without an estimate to compare with. */
    public RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                      Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                      Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation,
                      boolean quarantines) {
        this(runId, plan, planHash, state, operator, host, startedAt, endedAt, processed, total, quarantined, written,
                leaseHolder, message, validation, quarantines, null, null);
    }

    /** A split's run: one that quarantines what it cannot migrate. */
    public RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                      Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                      Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation) {
        this(runId, plan, planHash, state, operator, host, startedAt, endedAt, processed, total, quarantined, written,
                leaseHolder, message, validation, true);
    }

    /** "estimated 12 min, took 14 min (+17 %)"; "" when the run had no estimate or has not completed. */
    public String forecast() {
        if (estimated == null || took == null || estimated.isZero()) {
            return "";
        }
        double pct = 100.0 * (took.toMillis() - estimated.toMillis()) / estimated.toMillis();
        return "estimated " + dev.ferry.format.HumanFormat.duration(estimated) + ", took "
                + dev.ferry.format.HumanFormat.duration(took) + " (" + String.format(java.util.Locale.ROOT, "%+.0f %%",
                pct) + ")";
    }
}
