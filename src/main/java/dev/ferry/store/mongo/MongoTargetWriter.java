package dev.ferry.store.mongo;

import dev.ferry.store.DocumentChecksum;

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
import dev.ferry.FerryException;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.TargetWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches to one MongoDB collection, idempotently and undoably: it records the undo entry (and the
 * pre-images of documents it will replace) first, then inserts new keys and replaces existing ones in one
 * unordered bulk write. A document already identical in the target is left alone and needs no undo. Existence is
 * looked up first, except in a target that was empty when the run began (there, only another writer could have
 * taken a key, and the duplicate-key path records that document's pre-image before replacing it).
 */
public final class MongoTargetWriter implements TargetWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MongoTargetWriter.class);
    private static final int DUPLICATE_KEY = 11000;
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    /** MongoDB's document size limit. */
    private static final int MAX_DOCUMENT = 16 * 1024 * 1024;
    /** A replacement this large does not fit every server's message limit as an update command. */
    private static final int HUGE = 15 * 1024 * 1024;

    private final MongoCollection<Document> collection;
    private final String name;

    public MongoTargetWriter(MongoStore store, String collection) {
        this.collection = store.collection(collection);
        this.name = collection;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> refusals(Document doc) {
        int size = DocumentChecksum.bsonSize(doc);
        if (size > MAX_DOCUMENT) {
            return List.of("the target document would be " + size + " bytes, over the 16 MB document limit of"
                    + " MongoDB; reshape the mapping or exclude the record");
        }
        return List.of();
    }

    @Override
    public Outcome write(List<Document> docs, boolean targetWasEmpty, UndoRecorder undo, Fence fence, Phases phases) {
        if (docs.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        Map<Object, Document> existing = Map.of();
        if (!targetWasEmpty) {
            try (Lap lap = phases.time("lookups")) {
                existing = fetch(docs.stream().map(d -> d.get("_id")).toList());
            }
        }
        Entry entry = new Entry(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Map<Object, Document> preImages = new HashMap<>();
        List<WriteModel<Document>> writes = new ArrayList<>(docs.size());
        long unchanged = 0;
        for (Document doc : docs) {
            Object id = doc.get("_id");
            Document before = existing.get(SourceKeys.identity(id));
            if (before == null) {
                entry.inserted.add(id);
                entry.hashes.add(DocumentChecksum.undoHash(doc));
                writes.add(new InsertOneModel<>(doc));
            } else if (before.equals(doc)) {
                unchanged++;
            } else {
                entry.replaced.add(id);
                preImages.put(id, before);
                writes.add(new ReplaceOneModel<>(eq("_id", id), doc, UPSERT));
            }
        }
        try (Lap lap = phases.time("undo log")) {
            undo.save(entry.inserted, entry.hashes, entry.replaced, preImages);
        }
        long lostRaces;
        try (Lap lap = phases.time("writes")) {
            fence.check();
            lostRaces = bulkWrite(writes, entry, undo);
        }
        return new Outcome(entry.inserted.size() - lostRaces, entry.replaced.size() + lostRaces, unchanged);
    }

    /** The keys of one batch's undo entry. */
    private record Entry(List<Object> inserted, List<Integer> hashes, List<Object> replaced) { }

    /**
     * Writes; an insert that finds its key taken (another writer got there between the lookup and the write) is
     * turned into a replacement only after that document's pre-image is in the undo log. Returns how many.
     */
    private long bulkWrite(List<WriteModel<Document>> writes, Entry entry, UndoRecorder undo) {
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
            // the lost races' documents are another writer's: correct their undo before anything overwrites them
            recordLostRaces(lost, entry, undo);
            if (otherErrors) {
                throw e;
            }
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
    private void recordLostRaces(List<Document> lost, Entry entry, UndoRecorder undo) {
        if (lost.isEmpty()) {
            return;
        }
        Map<Object, Document> current = fetch(lost.stream().map(d -> d.get("_id")).toList());
        List<Object> inserted = new ArrayList<>(entry.inserted);
        List<Integer> hashes = new ArrayList<>(entry.hashes);
        List<Object> replaced = new ArrayList<>(entry.replaced);
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
        undo.save(inserted, hashes, replaced, preImages);
    }

    @Override
    public Undone undo(List<Object> inserted, List<Integer> insertedHashes, List<Object> replaced,
                       Map<Object, Document> preImages) {
        long[] deletedAndKept = deleteInserted(inserted, insertedHashes);
        if (replaced.isEmpty()) {
            return new Undone(deletedAndKept[0], 0, deletedAndKept[1]);
        }
        List<WriteModel<Document>> writes = new ArrayList<>(replaced.size());
        for (Object key : replaced) {
            Document pre = preImages.get(SourceKeys.identity(key));
            if (pre == null) {
                throw new FerryException("The undo log has no pre-image for " + SourceKeys.render(key) + " in " + name
                        + "; the undo stopped before changing it. Restore that document from a backup, then run the"
                        + " rollback again.");
            }
            if (DocumentChecksum.bsonSize(pre) > HUGE) {
                // delete + insert is safe to repeat: the entry stays pending until the undo has completed
                collection.deleteOne(eq("_id", key));
                collection.insertOne(pre);
            } else {
                writes.add(new ReplaceOneModel<>(eq("_id", key), pre, new ReplaceOptions().upsert(true)));
            }
        }
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        return new Undone(deletedAndKept[0], replaced.size(), deletedAndKept[1]);
    }

    /**
     * Deletes the documents the batch inserted — but only those still as the run wrote them (same content hash). A
     * document that differs was changed since by someone else, or was never the run's (another writer's, inserted
     * just before a crash): it is kept and reported, never deleted.
     */
    private long[] deleteInserted(List<Object> inserted, List<Integer> insertedHashes) {
        if (inserted.isEmpty()) {
            return new long[2];
        }
        if (insertedHashes.size() != inserted.size()) { // an entry without hashes
            return new long[] {collection.deleteMany(in("_id", inserted)).getDeletedCount(), 0};
        }
        Map<Object, Integer> written = new HashMap<>();
        for (int i = 0; i < inserted.size(); i++) {
            written.put(SourceKeys.identity(inserted.get(i)), insertedHashes.get(i));
        }
        List<Object> ours = new ArrayList<>();
        long kept = 0;
        for (Document now : collection.find(in("_id", inserted)).batchSize(inserted.size())) {
            Object id = now.get("_id");
            Integer asWritten = written.get(SourceKeys.identity(id));
            if (asWritten != null && asWritten == DocumentChecksum.undoHash(now)) {
                ours.add(id);
            } else {
                kept++;
                LOG.warn("undo: {} in {} changed since the run inserted it; kept, not deleted", SourceKeys.render(id),
                        name);
            }
        }
        long deleted = ours.isEmpty() ? 0 : collection.deleteMany(in("_id", ours)).getDeletedCount();
        return new long[] {deleted, kept};
    }

    @Override
    public DocumentChecksum.Sum checksum() {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (Document d : collection.find().batchSize(1000)) {
            sum = sum.add(d);
        }
        return sum;
    }

    @Override
    public long count() {
        return collection.countDocuments();
    }

    @Override
    public boolean isEmpty() {
        return collection.find().limit(1).batchSize(1).first() == null;
    }

    @Override
    public Map<Object, Document> stored(List<Object> ids) {
        return fetch(ids);
    }

    /** Through BSON and back, as the server would return it (ints stay ints, UUIDs standard). */
    @Override
    public Document comparable(Document mapped) {
        return new org.bson.RawBsonDocument(mapped, CODEC).decode(CODEC);
    }

    private static final org.bson.codecs.Codec<Document> CODEC = org.bson.codecs.configuration.CodecRegistries
            .withUuidRepresentation(com.mongodb.MongoClientSettings.getDefaultCodecRegistry(),
                    org.bson.UuidRepresentation.STANDARD).get(Document.class);

    /** The target's documents with these keys, by key identity (so 5 and 5L find the same document). */
    private Map<Object, Document> fetch(List<Object> ids) {
        Map<Object, Document> found = new HashMap<>();
        for (Document d : collection.find(in("_id", ids)).batchSize(Math.max(1, ids.size()))) {
            found.put(SourceKeys.identity(d.get("_id")), d);
        }
        return found;
    }

    @Override
    public void close() {
        // the collection belongs to the store's client, closed with the store
    }
}
