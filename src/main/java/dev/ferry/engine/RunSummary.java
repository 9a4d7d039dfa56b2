package dev.ferry.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run as the journal records it, for {@code status} and {@code history}.
 *
 * @param state       the effective state: a run journalled as running whose lease expired shows as interrupted
 * @param leaseHolder who holds the run's lease while it runs, else null
 * @param validation  the run's latest validation; null when it was never validated (or before Ferry recorded it)
 * @param quarantines the run's kind quarantines records it cannot migrate (a split), so that its outcome counts them
 *                    ({@link RunOutcome}); false for a runbook operation
 * @param worker      the process that works (or last worked) on the run, or null when none is known
 * @param audit       who started, resumed, steered, validated and rolled back the run, oldest first
 * @param partitions  the run's key ranges when it runs in partitions, else empty
 * @param estimated   the dry run's estimate the run had; null when it had none
 * @param took        the completed run's running time beside that estimate; null until it completed
 */
public record RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                         Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                         Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation,
                         boolean quarantines, WorkerStatus worker, List<AuditEntry> audit,
                         List<PartitionStatus> partitions, Duration estimated, Duration took) {
    public RunSummary {
        written = Map.copyOf(written);
        audit = audit == null ? List.of() : List.copyOf(audit);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    /** A run with its worker, audit trail and partitions, without an estimate to compare with. */
    public RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                      Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                      Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation,
                      boolean quarantines, WorkerStatus worker, List<AuditEntry> audit,
                      List<PartitionStatus> partitions) {
        this(runId, plan, planHash, state, operator, host, startedAt, endedAt, processed, total, quarantined, written,
                leaseHolder, message, validation, quarantines, worker, audit, partitions, null, null);
    }

    /** A run in one piece. */
    public RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                      Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                      Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation,
                      boolean quarantines, WorkerStatus worker, List<AuditEntry> audit) {
        this(runId, plan, planHash, state, operator, host, startedAt, endedAt, processed, total, quarantined, written,
                leaseHolder, message, validation, quarantines, worker, audit, List.of());
    }

    /** A split's run with no worker or audit trail known. */
    public RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                      Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                      Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation) {
        this(runId, plan, planHash, state, operator, host, startedAt, endedAt, processed, total, quarantined, written,
                leaseHolder, message, validation, true);
    }

    /** A run with no worker or audit trail known; {@code quarantines} as its kind does. */
    public RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                      Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                      Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation,
                      boolean quarantines) {
        this(runId, plan, planHash, state, operator, host, startedAt, endedAt, processed, total, quarantined, written,
                leaseHolder, message, validation, quarantines, null, List.of());
    }

    /** A split's run with the worker that works (or last worked) on it and its audit trail. */
    public RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                      Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                      Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation,
                      WorkerStatus worker, List<AuditEntry> audit) {
        this(runId, plan, planHash, state, operator, host, startedAt, endedAt, processed, total, quarantined, written,
                leaseHolder, message, validation, true, worker, audit);
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
