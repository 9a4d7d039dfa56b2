package dev.ferry.store.journal;

import java.util.List;

/**
 * What one batch did (or was about to do) to one target.
 *
 * @param inserted       keys the batch inserted, as BSON values
 * @param insertedHashes a content hash of each inserted record as written, parallel to {@code inserted} (empty in
 *                       entries that predate it): an undo deletes only records still as written
 * @param replaced       keys the batch replaced; their pre-images are kept beside the entry
 * @param undone         true once the entry was applied by an undo
 */
public record UndoEntry(String runId, long batch, String target, List<Object> inserted, List<Integer> insertedHashes,
                        List<Object> replaced, boolean undone) {

    public UndoEntry {
        inserted = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(inserted));
        insertedHashes = List.copyOf(insertedHashes);
        replaced = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(replaced));
    }
}
