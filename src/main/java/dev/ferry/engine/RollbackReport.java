package dev.ferry.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a rollback.
 *
 * @param deleted   target collection to documents deleted (they were inserted by the run)
 * @param restored  target collection to documents put back from their pre-images
 * @param verified  true when every target's checksum equals the one taken before the run
 * @param verification one line per target: checksum before the run, now, and whether they match
 */
public record RollbackReport(String runId, String plan, RunState state, Map<String, Long> deleted,
                             Map<String, Long> restored, boolean verified, List<String> verification,
                             Duration elapsed) {
    public RollbackReport {
        deleted = Map.copyOf(deleted);
        restored = Map.copyOf(restored);
        verification = List.copyOf(verification);
    }
}
