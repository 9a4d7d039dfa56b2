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
import java.util.HashMap;
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UndoApplier.class);

    private final MongoStore store;
    private final MongoUndoLog undo;

    UndoApplier(MongoStore store, MongoUndoLog undo) {
        this.store = store;
        this.undo = undo;
    }

    /** @param kept inserted documents left in place because they changed since the run wrote them */
    record Undone(long deleted, long restored, long kept) { }

    Undone apply(MongoUndoLog.Entry entry) {
        MongoCollection<Document> target = store.collection(entry.target());
        long[] deletedAndKept = deleteInserted(entry, target);
        if (entry.replaced().isEmpty()) {
            return new Undone(deletedAndKept[0], 0, deletedAndKept[1]);
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
        return new Undone(deletedAndKept[0], entry.replaced().size(), deletedAndKept[1]);
    }

    /**
     * Deletes the documents the batch inserted — but only those still as the run wrote them (same content hash). A
     * document that differs was changed since by someone else, or was never the run's (another writer's, inserted
     * just before a crash): it is kept and reported, never deleted.
     */
    private long[] deleteInserted(MongoUndoLog.Entry entry, MongoCollection<Document> target) {
        if (entry.inserted().isEmpty()) {
            return new long[2];
        }
        if (entry.insertedHashes().size() != entry.inserted().size()) { // an entry without hashes
            return new long[] {target.deleteMany(in("_id", entry.inserted())).getDeletedCount(), 0};
        }
        Map<Object, Integer> written = new HashMap<>();
        for (int i = 0; i < entry.inserted().size(); i++) {
            written.put(SourceKeys.identity(entry.inserted().get(i)), entry.insertedHashes().get(i));
        }
        List<Object> ours = new ArrayList<>();
        long kept = 0;
        for (Document now : target.find(in("_id", entry.inserted())).batchSize(entry.inserted().size())) {
            Object id = now.get("_id");
            Integer asWritten = written.get(SourceKeys.identity(id));
            if (asWritten != null && asWritten == now.hashCode()) {
                ours.add(id);
            } else {
                kept++;
                LOG.warn("undo of run {}: {} in {} changed since the run inserted it; kept, not deleted",
                        entry.runId(), SourceKeys.render(id), entry.target());
            }
        }
        long deleted = ours.isEmpty() ? 0 : target.deleteMany(in("_id", ours)).getDeletedCount();
        return new long[] {deleted, kept};
    }
}
