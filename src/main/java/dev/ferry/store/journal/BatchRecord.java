package dev.ferry.store.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one batch did.
 *
 * @param read    source records read
 * @param millis  the batch's wall time, from the end of the previous one
 * @param written target to records written
 */
public record BatchRecord(String runId, long batch, Instant at, long read, long quarantined, long millis,
                          Map<String, Long> written) {

    public BatchRecord {
        written = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(written));
    }
}
