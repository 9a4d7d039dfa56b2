package dev.ferry.engine;

import java.util.Map;

/**
 * What a rollback would undo, shown before the operator confirms it.
 *
 * @param toDelete  target collection to documents the run inserted (they will be deleted)
 * @param toRestore target collection to documents the run replaced (their pre-images will be put back)
 */
public record RollbackPreview(String runId, String plan, String database, RunState state,
                              Map<String, Long> toDelete, Map<String, Long> toRestore) {
    public RollbackPreview {
        toDelete = Map.copyOf(toDelete);
        toRestore = Map.copyOf(toRestore);
    }

    public long total() {
        return toDelete.values().stream().mapToLong(Long::longValue).sum()
                + toRestore.values().stream().mapToLong(Long::longValue).sum();
    }
}
