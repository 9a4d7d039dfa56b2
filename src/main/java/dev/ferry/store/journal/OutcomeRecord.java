package dev.ferry.store.journal;

import dev.ferry.store.DocumentChecksum;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finished run took beside what its dry run estimated, and each target's checksum as the run left it.
 *
 * @param actualMs     the run's running time over all its sessions (pauses left out)
 * @param estimate     the latest dry run of the plan version before the run began; null when it had none
 * @param targetsAfter each target's checksum when the run completed
 */
public record OutcomeRecord(String runId, String plan, String planHash, Instant at, long processed, int batchSize,
                            long actualMs, EstimateRecord estimate, Map<String, DocumentChecksum.Sum> targetsAfter) {

    public OutcomeRecord {
        targetsAfter = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targetsAfter));
    }
}
