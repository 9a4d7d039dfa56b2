package dev.ferry.store.journal;

import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * What undoes each batch of a run, per target: the keys it inserted (undo: delete, if still as written) and the keys
 * it replaced with their pre-images (undo: put back). Saved before the batch's writes can be seen, so whatever of a
 * batch reached a target has its undo. Entries after the last checkpoint belong to a batch that did not finish.
 */
public interface UndoLog {

    /**
     * Saves the batch's entry for one target, after the pre-images of the records it is about to replace (a
     * pre-image saved earlier for the same key is kept: the first capture is the true one). May be saved again
     * with a corrected entry. False when the entry was saved by another owner: this process lost the run.
     */
    boolean save(UndoEntry entry, Map<Object, Document> preImages, String owner);

    /** The entries of batches after {@code batch}, last batch first: written by an attempt that stopped. */
    List<UndoEntry> after(String runId, long batch);

    /** The entries of batches after {@code batch} up to {@code upTo}, last batch first (one partition's tail). */
    List<UndoEntry> between(String runId, long batch, long upTo);

    /** Every entry of a run, last batch first, as a rollback replays them; read as it goes. */
    Iterable<UndoEntry> newestFirst(String runId);

    /** The pre-images of these keys of one target, by {@link dev.ferry.store.SourceKeys#identity} of the key. */
    Map<Object, Document> preImages(String runId, String target, List<Object> keys);

    /** Marks an entry applied, so that an undo interrupted part-way does not apply it again. */
    void markUndone(UndoEntry entry);

    /** Per target, what a rollback would still delete and restore (entries not undone yet). */
    Map<String, PendingUndo> pending(String runId);
}
