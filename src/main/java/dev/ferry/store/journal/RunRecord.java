package dev.ferry.store.journal;

import dev.ferry.store.DocumentChecksum;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run as the journal keeps it.
 *
 * @param state            the engine's run state by name ({@code RUNNING}, … {@code ROLLED_BACK})
 * @param owner            the lease owner that opened (or took over) the run: its writes are fenced by it
 * @param database         the database the run's journal is in
 * @param preRun           each target's checksum before the run (what a rollback is verified against)
 * @param rollbackVerified null until a rollback finished
 * @param verdict          the run's latest validation, null when never validated
 */
public record RunRecord(String runId, String plan, String planHash, String state, String owner, String operator,
                        String host, String database, RunSource source, List<String> targets, int batchSize,
                        Map<String, DocumentChecksum.Sum> preRun, Checkpoint checkpoint, String message,
                        Instant startedAt, Instant updatedAt, Instant endedAt, Instant rolledBackAt,
                        Boolean rollbackVerified, VerdictRecord verdict) {

    public RunRecord {
        targets = List.copyOf(targets);
        preRun = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(preRun));
        checkpoint = checkpoint == null ? Checkpoint.START : checkpoint;
        message = message == null ? "" : message;
    }

    /** A run about to write its first batch. */
    public static RunRecord started(String runId, String plan, String planHash, String owner, String operator,
                                    String host, String database, RunSource source, List<String> targets,
                                    int batchSize, Map<String, DocumentChecksum.Sum> preRun, Instant at) {
        return new RunRecord(runId, plan, planHash, "RUNNING", owner, operator, host, database, source, targets,
                batchSize, preRun, Checkpoint.START, "", at, null, null, null, null, null);
    }
}
