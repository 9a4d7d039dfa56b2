package dev.ferry.engine;

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
 */
public record RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                         Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                         Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation,
                         boolean quarantines) {
    public RunSummary {
        written = Map.copyOf(written);
    }

    /** A split's run: one that quarantines what it cannot migrate. */
    public RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                      Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                      Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation) {
        this(runId, plan, planHash, state, operator, host, startedAt, endedAt, processed, total, quarantined, written,
                leaseHolder, message, validation, true);
    }
}
