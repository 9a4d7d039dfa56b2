package dev.ferry.engine;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dev.ferry.FerryException;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.mongo.DocumentChecksum;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.store.mongo.MongoUndoLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Undoes one undo-log entry: deletes the documents the batch inserted and puts back the pre-images of those it
 * replaced. Idempotent, so an undo interrupted part-way can simply be applied again. Used by rollback, and by a
 * resumed run to revert a batch that stopped before its checkpoint.
 */
final class UndoApplier {

    private static final int HUGE = 15 * 1024 * 1024;

    private final MongoStore store;
    private final MongoUndoLog undo;

    UndoApplier(MongoStore store, MongoUndoLog undo) {
        this.store = store;
        this.undo = undo;
    }

    record Undone(long deleted, long restored) { }

    Undone apply(MongoUndoLog.Entry entry) {
        MongoCollection<Document> target = store.collection(entry.target());
        long deleted = 0;
        if (!entry.inserted().isEmpty()) {
            deleted = target.deleteMany(in("_id", entry.inserted())).getDeletedCount();
        }
        if (entry.replaced().isEmpty()) {
            return new Undone(deleted, 0);
        }
        Map<Object, Document> images = undo.preImages(entry.runId(), entry.target(), entry.replaced());
        List<WriteModel<Document>> writes = new ArrayList<>(entry.replaced().size());
        for (Object key : entry.replaced()) {
            Document pre = images.get(SourceKeys.identity(key));
            if (pre == null) {
                throw new FerryException("The undo log of run " + entry.runId() + " has no pre-image for "
                        + SourceKeys.render(key) + " in " + entry.target() + "; the undo stopped before changing it."
                        + " Restore that document from a backup, then run the rollback again.");
            }
            if (DocumentChecksum.bsonSize(pre) > HUGE) {
                // an update command carrying a replacement this large does not fit every server's message limit;
                // delete + insert is safe to repeat: the entry stays pending until the undo has completed
                target.deleteOne(eq("_id", key));
                target.insertOne(pre);
            } else {
                writes.add(new ReplaceOneModel<>(eq("_id", key), pre, new ReplaceOptions().upsert(true)));
            }
        }
        if (!writes.isEmpty()) {
            target.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        return new Undone(deleted, entry.replaced().size());
    }
}
