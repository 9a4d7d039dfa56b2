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
import dev.ferry.store.SourceKeys;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.store.mongo.MongoUndoLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Writes one batch of documents to one target, idempotently and undoably: it records the undo entry (and the
 * pre-images of documents it will replace) first, then inserts new keys and replaces existing ones in one
 * unordered bulk write. A document already identical in the target is left alone and needs no undo. Existence is
 * looked up first, except in a target that was empty when the run began (there, only another writer could have
 * taken a key, and the duplicate-key path records that document's pre-image before replacing it).
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

    /**
     * @param targetWasEmpty the target held nothing when the run began: every key is new unless another writer
     *                       took it since, which the duplicate-key path catches — so skip the existence lookup
     */
    /** Stops a write when this process no longer holds the run's lease (throws {@link LeaseLostException}). */
    @FunctionalInterface
    interface Fence {
        void check();
    }

    Outcome write(String runId, long batch, String target, List<Document> docs, boolean targetWasEmpty,
                  PhaseTimes times, Fence fence, String owner) {
        if (docs.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        MongoCollection<Document> collection = store.collection(target);
        Map<Object, Document> existing = Map.of();
        if (!targetWasEmpty) {
            try (PhaseTimes.Lap lap = times.time("lookups")) {
                existing = fetch(collection, docs.stream().map(d -> d.get("_id")).toList());
            }
        }
        List<Object> inserted = new ArrayList<>();
        List<Integer> hashes = new ArrayList<>();
        List<Object> replaced = new ArrayList<>();
        Map<Object, Document> preImages = new HashMap<>();
        List<WriteModel<Document>> writes = new ArrayList<>(docs.size());
        long unchanged = 0;
        for (Document doc : docs) {
            Object id = doc.get("_id");
            Document before = existing.get(SourceKeys.identity(id));
            if (before == null) {
                inserted.add(id);
                hashes.add(doc.hashCode());
                writes.add(new InsertOneModel<>(doc));
            } else if (before.equals(doc)) {
                unchanged++;
            } else {
                replaced.add(id);
                preImages.put(id, before);
                writes.add(new ReplaceOneModel<>(eq("_id", id), doc, UPSERT));
            }
        }
        MongoUndoLog.Entry entry = new MongoUndoLog.Entry(runId, batch, target, inserted, hashes, replaced, false);
        try (PhaseTimes.Lap lap = times.time("undo log")) {
            save(entry, preImages, owner); // fenced by the store: the entry is written only while we own it
        }
        long lostRaces;
        try (PhaseTimes.Lap lap = times.time("writes")) {
            fence.check();
            lostRaces = bulkWrite(collection, writes, entry, owner);
        }
        return new Outcome(inserted.size() - lostRaces, replaced.size() + lostRaces, unchanged);
    }

    /**
     * Writes; an insert that finds its key taken (another writer got there between the lookup and the write) is
     * turned into a replacement only after that document's pre-image is in the undo log. Returns how many.
     */
    private long bulkWrite(MongoCollection<Document> collection, List<WriteModel<Document>> writes,
                           MongoUndoLog.Entry entry, String owner) {
        if (writes.isEmpty()) {
            return 0;
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            return 0;
        } catch (MongoBulkWriteException e) {
            List<Document> lost = new ArrayList<>();
            boolean otherErrors = false;
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() == DUPLICATE_KEY && writes.get(error.getIndex()) instanceof InsertOneModel<Document> insert) {
                    lost.add(insert.getDocument());
                } else {
                    otherErrors = true;
                }
            }
            if (otherErrors) {
                // the lost races' documents are another writer's: correct their undo before giving up the batch
                recordLostRaces(collection, lost, entry, owner);
                throw e;
            }
            recordLostRaces(collection, lost, entry, owner);
            List<WriteModel<Document>> retries = new ArrayList<>();
            lost.forEach(doc -> retries.add(new ReplaceOneModel<>(eq("_id", doc.get("_id")), doc, UPSERT)));
            collection.bulkWrite(retries, new BulkWriteOptions().ordered(false));
            return lost.size();
        }
    }

    /**
     * Keys another writer took between the entry's save and the write: their documents become "replaced", with the
     * other writer's document as pre-image, before anything overwrites them. (Until this is saved, the entry says
     * "inserted" — and an undo deletes an inserted key only if it still holds what this run wrote, so the other
     * writer's document survives a crash in between.)
     */
    private void recordLostRaces(MongoCollection<Document> collection, List<Document> lost, MongoUndoLog.Entry entry,
                                 String owner) {
        if (lost.isEmpty()) {
            return;
        }
        Map<Object, Document> current = fetch(collection, lost.stream().map(d -> d.get("_id")).toList());
        List<Object> inserted = new ArrayList<>(entry.inserted());
        List<Integer> hashes = new ArrayList<>(entry.insertedHashes());
        List<Object> replaced = new ArrayList<>(entry.replaced());
        Map<Object, Document> preImages = new HashMap<>();
        for (Document doc : lost) {
            Object id = doc.get("_id");
            Document pre = current.get(SourceKeys.identity(id));
            if (pre != null) { // else it vanished again: the upsert inserts it, and undo deletes it
                for (int i = inserted.size() - 1; i >= 0; i--) {
                    if (SourceKeys.identity(inserted.get(i)).equals(SourceKeys.identity(id))) {
                        inserted.remove(i);
                        if (i < hashes.size()) {
                            hashes.remove(i);
                        }
                    }
                }
                replaced.add(id);
                preImages.put(id, pre);
            }
        }
        save(new MongoUndoLog.Entry(entry.runId(), entry.batch(), entry.target(), inserted, hashes, replaced, false),
                preImages, owner);
    }

    /** An entry that another process owns (it took the run over) means this one lost the lease. */
    private void save(MongoUndoLog.Entry entry, Map<Object, Document> preImages, String owner) {
        try {
            undo.save(entry, preImages, owner);
        } catch (com.mongodb.MongoWriteException e) {
            if (e.getError().getCode() == DUPLICATE_KEY) {
                throw new LeaseLostException("(undo log)", entry.runId());
            }
            throw e;
        }
    }

    /** The target's documents with these keys, by key identity (so 5 and 5L find the same document). */
    private static Map<Object, Document> fetch(MongoCollection<Document> collection, List<Object> ids) {
        Map<Object, Document> found = new HashMap<>();
        for (Document d : collection.find(in("_id", ids)).batchSize(Math.max(1, ids.size()))) {
            found.put(SourceKeys.identity(d.get("_id")), d);
        }
        return found;
    }
}
