package dev.ferry.store.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A finished rollback: who, where, when, what it deleted and restored per target, and its verification lines. */
public record RollbackRecord(String runId, String plan, Instant at, String operator, String host, boolean verified,
                             Map<String, Long> deleted, Map<String, Long> restored, List<String> verification,
                             long elapsedMs) {

    public RollbackRecord {
        deleted = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deleted));
        restored = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(restored));
        verification = List.copyOf(verification);
    }
}
