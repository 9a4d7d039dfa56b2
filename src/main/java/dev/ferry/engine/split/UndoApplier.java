package dev.ferry.engine.split;

import dev.ferry.engine.split.stores.PlanStores;

import dev.ferry.store.TargetWriter;
import dev.ferry.store.journal.UndoEntry;
import dev.ferry.store.journal.UndoLog;
import java.util.Map;
import org.bson.Document;

/**
 * Undoes one undo-log entry through its target's writer: deletes what the batch inserted (if still as written) and
 * puts back the pre-images of what it replaced. Idempotent, so an undo interrupted part-way can simply be applied
 * again. Used by rollback, and by a resumed run to revert a batch that stopped before its checkpoint.
 */
final class UndoApplier {

    private final PlanStores.Writers writers;
    private final UndoLog undo;

    UndoApplier(PlanStores.Writers writers, UndoLog undo) {
        this.writers = writers;
        this.undo = undo;
    }

    TargetWriter.Undone apply(UndoEntry entry) {
        Map<Object, Document> images = entry.replaced().isEmpty() ? Map.of()
                : undo.preImages(entry.runId(), entry.target(), entry.replaced());
        return writers.get(entry.target()).undo(entry.inserted(), entry.insertedHashes(), entry.replaced(), images);
    }
}
