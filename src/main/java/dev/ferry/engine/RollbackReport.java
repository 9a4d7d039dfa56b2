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
 * @param dropped   what the run had created and the rollback dropped again, one line each ("collection x (created
 *                  by the run)")
 * @param leftBehind what still differs from before the run, for people: Ferry's journal, where it is; empty when the
 *                  kind does not say
 */
public record RollbackReport(String runId, String plan, RunState state, Map<String, Long> deleted,
                             Map<String, Long> restored, boolean verified, List<String> verification,
                             Duration elapsed, List<String> dropped, String leftBehind) {
    public RollbackReport {
        deleted = Map.copyOf(deleted);
        restored = Map.copyOf(restored);
        verification = List.copyOf(verification);
        dropped = List.copyOf(dropped);
        leftBehind = leftBehind == null ? "" : leftBehind;
    }

    /** A rollback that dropped nothing and does not say what is left. */
    public RollbackReport(String runId, String plan, RunState state, Map<String, Long> deleted,
                          Map<String, Long> restored, boolean verified, List<String> verification, Duration elapsed) {
        this(runId, plan, state, deleted, restored, verified, verification, elapsed, List.of(), "");
    }
}
