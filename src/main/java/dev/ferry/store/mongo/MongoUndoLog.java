package dev.ferry.store.mongo;

import dev.ferry.store.DocumentChecksum;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;

/**
 * What undoes each batch of a run: per batch and target, the keys the run inserted (undo: delete) and the keys it
 * replaced (undo: put back the pre-image, kept in {@code ferry_undo_images}; one too large to wrap in a document
 * goes to GridFS). Written before the batch's target writes, so whatever of a batch reached the target has its
 * undo recorded. Entries after the last checkpoint belong to a batch that did not finish: a resumed run reverts
 * and discards them before it replays that batch, so a replay never mistakes its own earlier write for a pre-image.
 */
public final class MongoUndoLog {

    public static final String UNDO = "ferry_undo";
    public static final String IMAGES = "ferry_undo_images";
    public static final String BLOBS = "ferry_undo_blobs";
    /** A pre-image above this size is kept in GridFS: wrapping it would pass the 16 MB document limit. */
    static final int INLINE_LIMIT = 15 * 1024 * 1024;
    private static final int DUPLICATE_KEY = 11000;

    private final MongoStore store;
    private final MongoCollection<Document> undo;
    private final MongoCollection<Document> images;

    public MongoUndoLog(MongoStore store) {
        this.store = store;
        this.undo = store.collection(UNDO);
        this.images = store.collection(IMAGES);
    }

    /** What one batch did (or was about to do) to one target. */
    /**
     * @param insertedHashes {@code hashCode()} of each inserted document as written, parallel to {@code inserted}
     *                       (empty in entries that predate it): an undo deletes only documents still as written
     */
    public record Entry(String runId, long batch, String target, List<Object> inserted, List<Integer> insertedHashes,
                        List<Object> replaced, boolean undone) {
        String id() {
            return runId + "/" + batch + "/" + target;
        }
    }

    public void createIndexes() {
        undo.createIndex(Indexes.compoundIndex(Indexes.ascending("run"), Indexes.descending("batch")),
                new IndexOptions().name("run_batch"));
        images.createIndex(Indexes.compoundIndex(Indexes.ascending("run"), Indexes.ascending("batch")),
                new IndexOptions().name("run_batch"));
    }

    /**
     * Saves the batch's entry, after the pre-images of the documents it is about to replace. Only {@code owner} may
     * write it: an entry another process saved (it took the run over) is refused with a duplicate-key error.
     */
    public void save(Entry entry, Map<Object, Document> preImages, String owner) {
        if (!preImages.isEmpty()) {
            List<Document> docs = new ArrayList<>(preImages.size());
            preImages.forEach((key, pre) -> docs.add(image(entry, key, pre)));
            try {
                images.insertMany(docs, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                // an earlier save of this entry already kept these pre-images; the first capture is the true one
                if (!e.getWriteErrors().stream().allMatch(w -> w.getCode() == DUPLICATE_KEY)) {
                    throw e;
                }
            }
        }
        undo.replaceOne(and(eq("_id", entry.id()), eq("owner", owner)), new Document("_id", entry.id())
                .append("run", entry.runId()).append("owner", owner).append("batch", entry.batch())
                .append("target", entry.target()).append("inserted", entry.inserted())
                .append("insertedHashes", entry.insertedHashes()).append("replaced", entry.replaced())
                .append("undone", entry.undone()), new ReplaceOptions().upsert(true));
    }

    private Document image(Entry entry, Object key, Document pre) {
        Document image = new Document("_id", imageId(entry.runId(), entry.target(), key)).append("run", entry.runId())
                .append("batch", entry.batch());
        if (DocumentChecksum.bsonSize(pre) > INLINE_LIMIT) {
            return image.append("blob", blobs().uploadFromStream(entry.id() + "/" + key,
                    new ByteArrayInputStream(DocumentChecksum.bsonBytes(pre))));
        }
        return image.append("pre", pre);
    }

    /** A run's entries, last batch first, as rollback replays them. */
    public Iterable<Document> entriesNewestFirst(String runId) {
        return undo.find(eq("run", runId)).sort(descending("batch")).batchSize(100);
    }

    /** The entries of batches after {@code batch}: written by an attempt that stopped before its checkpoint. */
    public List<Entry> entriesAfter(String runId, long batch) {
        List<Entry> out = new ArrayList<>();
        undo.find(and(eq("run", runId), gt("batch", batch))).sort(descending("batch")).batchSize(100)
                .forEach(d -> out.add(entry(d)));
        return out;
    }

    /** Forgets entries and pre-images after {@code batch}, once they have been reverted. */
    public void discardAfter(String runId, long batch) {
        for (Document image : images.find(and(eq("run", runId), gt("batch", batch), eq("pre", null)))
                .projection(new Document("blob", 1)).batchSize(100)) {
            if (image.get("blob") instanceof ObjectId blob) {
                blobs().delete(blob);
            }
        }
        images.deleteMany(and(eq("run", runId), gt("batch", batch)));
        undo.deleteMany(and(eq("run", runId), gt("batch", batch)));
    }

    public static Entry entry(Document d) {
        return new Entry(d.getString("run"), ((Number) d.get("batch")).longValue(), d.getString("target"),
                d.getList("inserted", Object.class), d.getList("insertedHashes", Integer.class, List.of()),
                d.getList("replaced", Object.class), Boolean.TRUE.equals(d.getBoolean("undone")));
    }

    /** The pre-images of the given keys, by the keys' identity ({@link dev.ferry.store.SourceKeys#identity}). */
    public Map<Object, Document> preImages(String runId, String target, List<Object> keys) {
        List<Document> ids = keys.stream().map(k -> imageId(runId, target, k)).toList();
        Map<Object, Document> out = new HashMap<>();
        for (Document image : images.find(in("_id", ids)).batchSize(1000)) {
            Document pre = image.get("pre", Document.class);
            if (pre == null && image.get("blob") instanceof ObjectId blob) {
                pre = download(blob);
            }
            if (pre != null) {
                out.put(dev.ferry.store.SourceKeys.identity(image.get("_id", Document.class).get("key")), pre);
            }
        }
        return out;
    }

    public void markUndone(Entry entry) {
        undo.updateOne(eq("_id", entry.id()), Updates.set("undone", true));
    }

    /** Per target, how many documents a rollback would delete and restore (entries not yet undone). */
    public Map<String, long[]> pending(String runId) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Document d : undo.find(and(eq("run", runId), eq("undone", false))).batchSize(200)) {
            long[] counts = out.computeIfAbsent(d.getString("target"), t -> new long[2]);
            counts[0] += d.getList("inserted", Object.class).size();
            counts[1] += d.getList("replaced", Object.class).size();
        }
        return out;
    }

    private GridFSBucket blobs() {
        return GridFSBuckets.create(store.database(), BLOBS);
    }

    private Document download(ObjectId blob) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        blobs().downloadToStream(blob, bytes);
        return new RawBsonDocument(bytes.toByteArray())
                .decode(store.database().getCodecRegistry().get(Document.class));
    }

    private static Document imageId(String runId, String target, Object key) {
        return new Document("run", runId).append("target", target).append("key", key);
    }
}
