package dev.ferry.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run as the journal records it, for {@code status} and {@code history}.
 *
 * @param state       the effective state: a run journalled as running whose lease expired shows as interrupted
 * @param leaseHolder who holds the run's lease while it runs, else null
 * @param validation  the run's latest validation; null when it was never validated (or before Ferry recorded it)
 * @param worker      the process that works (or last worked) on the run, or null when none is known
 * @param audit       who started, resumed, steered, validated and rolled back the run, oldest first
 * @param partitions  the run's key ranges when it runs in partitions, else empty
 */
public record RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                         Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                         Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation,
                         WorkerStatus worker, List<AuditEntry> audit, List<PartitionStatus> partitions) {
    public RunSummary {
        written = Map.copyOf(written);
        audit = audit == null ? List.of() : List.copyOf(audit);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    /** A run in one piece. */
    public RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                      Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                      Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation,
                      WorkerStatus worker, List<AuditEntry> audit) {
        this(runId, plan, planHash, state, operator, host, startedAt, endedAt, processed, total, quarantined, written,
                leaseHolder, message, validation, worker, audit, List.of());
    }

    /** A run of a kind whose runs have no workers or audit trail in the journal. */
    public RunSummary(String runId, String plan, String planHash, RunState state, String operator, String host,
                      Instant startedAt, Instant endedAt, long processed, long total, long quarantined,
                      Map<String, Long> written, String leaseHolder, String message, ValidationVerdict validation) {
        this(runId, plan, planHash, state, operator, host, startedAt, endedAt, processed, total, quarantined, written,
                leaseHolder, message, validation, null, List.of());
    }
}
