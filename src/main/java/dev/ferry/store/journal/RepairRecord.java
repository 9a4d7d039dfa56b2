package dev.ferry.store.journal;

import java.time.Instant;
import java.util.List;

/**
 * A repair of a run's targets: the plan re-applied to the source keys whose targets were missing or differed, in
 * batches {@code firstBatch}…{@code lastBatch} of the run (with undo entries like any batch), then checked again.
 *
 * @param records  each record repaired or left alone, with what was wrong and what was done
 * @param askedFor the keys the operator named; empty when the repair took every mismatch it found
 */
public record RepairRecord(String runId, String plan, Instant at, String operator, String host, long firstBatch,
                           long lastBatch, List<RepairedRecord> records, List<String> askedFor, long elapsedMs) {

    public RepairRecord {
        records = List.copyOf(records);
        askedFor = List.copyOf(askedFor);
    }

    /**
     * One source record's targets.
     *
     * @param problem what validation found ("missing", "differs", "changed by someone else since the run")
     * @param outcome what the repair did ("repaired", "left: …") and what the check after it found
     */
    public record RepairedRecord(String key, String target, String problem, String outcome, boolean repaired,
                                 boolean matchesNow) {
    }
}
