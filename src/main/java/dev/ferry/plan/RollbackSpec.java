package dev.ferry.plan;

/**
 * How a run is undone.
 *
 * @param strategy {@code undo-log}: replay the run's undo log in reverse (delete what was inserted, restore pre-images)
 * @param verify   after rolling back, check by checksum that the targets are as they were before the run
 */
public record RollbackSpec(String strategy, boolean verify) {
    public static final String UNDO_LOG = "undo-log";

    public static RollbackSpec defaults() {
        return new RollbackSpec(UNDO_LOG, true);
    }
}
