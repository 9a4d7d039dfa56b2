package dev.ferry.engine;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.store.mongo.MongoUndoLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Writes one batch of documents to one target, idempotently and undoably: it records the undo entry (and the
 * pre-images of documents it will replace) first, then inserts new keys and replaces existing ones in one
 * unordered bulk write. A document already identical in the target is left alone.
 */
final class TargetBatchWriter {

    private static final int DUPLICATE_KEY = 11000;
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoStore store;
    private final MongoUndoLog undo;

    TargetBatchWriter(MongoStore store, MongoUndoLog undo) {
        this.store = store;
        this.undo = undo;
    }

    /** What one batch did to one target. */
    record Outcome(long inserted, long replaced, long unchanged) {
        long written() {
            return inserted + replaced + unchanged;
        }
    }

    Outcome write(String runId, long batch, String target, List<Document> docs, PhaseTimes times) {
        if (docs.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        MongoCollection<Document> collection = store.collection(target);
        List<Object> ids = docs.stream().map(d -> d.get("_id")).toList();
        Map<Object, Document> existing = new HashMap<>();
        try (PhaseTimes.Lap lap = times.time("lookups")) {
            for (Document d : collection.find(in("_id", ids)).batchSize(ids.size())) {
                existing.put(d.get("_id"), d);
            }
        }
        try (PhaseTimes.Lap lap = times.time("undo log")) {
            recordUndo(runId, batch, target, ids, existing);
        }

        List<WriteModel<Document>> writes = new ArrayList<>(docs.size());
        long inserted = 0;
        long replaced = 0;
        long unchanged = 0;
        for (Document doc : docs) {
            Document before = existing.get(doc.get("_id"));
            if (before == null) {
                writes.add(new InsertOneModel<>(doc));
                inserted++;
            } else if (before.equals(doc)) {
                unchanged++;
            } else {
                writes.add(new ReplaceOneModel<>(eq("_id", doc.get("_id")), doc, UPSERT));
                replaced++;
            }
        }
        try (PhaseTimes.Lap lap = times.time("writes")) {
            bulkWrite(collection, writes);
        }
        return new Outcome(inserted, replaced, unchanged);
    }

    /**
     * Classifies each key as inserted or replaced. When an earlier attempt of this batch saved an entry, its
     * classification stands: what this attempt sees as "existing" may be that attempt's own write.
     */
    private void recordUndo(String runId, long batch, String target, List<Object> ids, Map<Object, Document> existing) {
        Set<Object> knownInserted = new HashSet<>();
        Set<Object> knownReplaced = new HashSet<>();
        undo.find(runId, batch, target).ifPresent(prior -> {
            knownInserted.addAll(prior.inserted());
            knownReplaced.addAll(prior.replaced());
        });
        List<Object> inserted = new ArrayList<>();
        List<Object> replaced = new ArrayList<>();
        Map<Object, Document> preImages = new HashMap<>();
        for (Object id : ids) {
            if (knownInserted.contains(id)) {
                inserted.add(id);
            } else if (knownReplaced.contains(id)) {
                replaced.add(id);
            } else if (existing.containsKey(id)) {
                replaced.add(id);
                preImages.put(id, existing.get(id));
            } else {
                inserted.add(id);
            }
        }
        undo.save(new MongoUndoLog.Entry(runId, batch, target, inserted, replaced, false), preImages);
    }

    /** Inserts that lost a race with another writer of the same key are retried as replacements. */
    private static void bulkWrite(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<WriteModel<Document>> retries = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY || !(writes.get(error.getIndex()) instanceof InsertOneModel<Document> insert)) {
                    throw e;
                }
                Document doc = insert.getDocument();
                retries.add(new ReplaceOneModel<>(eq("_id", doc.get("_id")), doc, UPSERT));
            }
            collection.bulkWrite(retries, new BulkWriteOptions().ordered(false));
        }
    }
}
