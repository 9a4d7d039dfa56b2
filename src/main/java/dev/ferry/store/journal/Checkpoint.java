package dev.ferry.store.journal;

import dev.ferry.store.DocumentChecksum;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run stands after its last finished batch. Counters are absolute, never increments, so a replayed batch
 * cannot count twice.
 *
 * @param lastKey   the source key of the batch's last record, any BSON value (null before the first batch)
 * @param written   target to records written so far
 * @param sourceSum checksum of the source records read so far
 * @param elapsedMs time spent running, over every session of the run
 */
public record Checkpoint(long batch, Object lastKey, long processed, long quarantined, long total,
                         Map<String, Long> written, DocumentChecksum.Sum sourceSum, long elapsedMs) {

    public static final Checkpoint START = new Checkpoint(0, null, 0, 0, 0, Map.of(), DocumentChecksum.Sum.EMPTY, 0);

    public Checkpoint {
        written = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(written));
        sourceSum = sourceSum == null ? DocumentChecksum.Sum.EMPTY : sourceSum;
    }
}
