package dev.ferry.engine.postgres.uuidkey;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one operation of a uuid key conversion did (backup_data, convert, rollback, cleanup_backup).
 *
 * @param step          how far the run is after it (see the journal's step)
 * @param rows          table to rows: copied (convert), counted (backup_data), restored (rollback)
 * @param lockMillis    the longest ACCESS EXCLUSIVE hold of the operation (the swap), 0 when it took none
 * @param phases        wall time per phase, in order (fill, indexes, swap, …)
 * @param lines         what was done or verified, one line each, for a person
 */
public record UuidConversionReport(String plan, String runId, String operation, boolean ok, String step,
                                   Map<String, Long> rows, long lockMillis, Map<String, Duration> phases,
                                   Duration elapsed, boolean resumed, List<String> lines) {
    public UuidConversionReport {
        rows = Map.copyOf(rows);
        phases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
        lines = List.copyOf(lines);
    }
}
