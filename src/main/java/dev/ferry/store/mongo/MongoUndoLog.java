package dev.ferry.store.mongo;

import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.journal.PendingUndo;
import dev.ferry.store.journal.UndoEntry;
import dev.ferry.store.journal.UndoLog;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
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
import org.bson.conversions.Bson;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;

/**
 * The undo log in {@code ferry_undo} (one document per batch and target: {@code _id} run/batch/target, the keys
 * inserted with their hashes and the keys replaced) and {@code ferry_undo_images} (one pre-image per replaced key,
 * {@code _id} {run, target, key}; one too large to wrap in a document goes to GridFS {@code ferry_undo_blobs}).
 */
public final class MongoUndoLog implements UndoLog {

    /** A pre-image above this size is kept in GridFS: wrapping it would pass the 16 MB document limit. */
    static final int INLINE_LIMIT = 15 * 1024 * 1024;
    private static final int DUPLICATE_KEY = 11000;

    private final MongoStore store;
    private final MongoCollection<Document> undo;
    private final MongoCollection<Document> images;
    private final String blobs;

    MongoUndoLog(MongoStore store, String prefix) {
        this.store = store;
        this.undo = store.collection(prefix + "undo");
        this.images = store.collection(prefix + "undo_images");
        this.blobs = prefix + "undo_blobs";
    }

    void createIndexes() {
        undo.createIndex(Indexes.compoundIndex(Indexes.ascending("run"), Indexes.descending("batch")),
                new IndexOptions().name("run_batch"));
        images.createIndex(Indexes.compoundIndex(Indexes.ascending("run"), Indexes.ascending("batch")),
                new IndexOptions().name("run_batch"));
    }

    /** Only {@code owner} may write the entry: one another process saved is refused with a duplicate-key error. */
    @Override
    public boolean save(UndoEntry entry, Map<Object, Document> preImages, String owner) {
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
        try {
            undo.replaceOne(and(eq("_id", id(entry)), eq("owner", owner)), new Document("_id", id(entry))
                    .append("run", entry.runId()).append("owner", owner).append("batch", entry.batch())
                    .append("target", entry.target()).append("inserted", entry.inserted())
                    .append("insertedHashes", entry.insertedHashes()).append("replaced", entry.replaced())
                    .append("undone", entry.undone()), new ReplaceOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCode() == DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private Document image(UndoEntry entry, Object key, Document pre) {
        Document image = new Document("_id", imageId(entry.runId(), entry.target(), key)).append("run", entry.runId())
                .append("batch", entry.batch());
        if (DocumentChecksum.bsonSize(pre) > INLINE_LIMIT) {
            return image.append("blob", blobs().uploadFromStream(id(entry) + "/" + key,
                    new ByteArrayInputStream(DocumentChecksum.bsonBytes(pre))));
        }
        return image.append("pre", pre);
    }

    @Override
    public Iterable<UndoEntry> newestFirst(String runId) {
        return undo.find(eq("run", runId)).sort(descending("batch")).batchSize(100).map(MongoUndoLog::entry);
    }

    @Override
    public List<UndoEntry> after(String runId, long batch) {
        return between(runId, batch, Long.MAX_VALUE);
    }

    @Override
    public List<UndoEntry> between(String runId, long batch, long upTo) {
        List<UndoEntry> out = new ArrayList<>();
        undo.find(and(eq("run", runId), gt("batch", batch), lte("batch", upTo))).sort(descending("batch"))
                .batchSize(100).forEach(d -> out.add(entry(d)));
        return out;
    }

    /** Forgets entries and pre-images after {@code batch}, once they have been reverted. */
    void discardAfter(String runId, long batch) {
        discardBetween(runId, batch, Long.MAX_VALUE);
    }

    /** Forgets entries and pre-images of the batches after {@code batch} up to {@code upTo}. */
    void discardBetween(String runId, long batch, long upTo) {
        Bson range = and(eq("run", runId), gt("batch", batch), lte("batch", upTo));
        for (Document image : images.find(and(range, eq("pre", null)))
                .projection(new Document("blob", 1)).batchSize(100)) {
            if (image.get("blob") instanceof ObjectId blob) {
                blobs().delete(blob);
            }
        }
        images.deleteMany(range);
        undo.deleteMany(range);
    }

    static UndoEntry entry(Document d) {
        return new UndoEntry(d.getString("run"), ((Number) d.get("batch")).longValue(), d.getString("target"),
                d.getList("inserted", Object.class), d.getList("insertedHashes", Integer.class, List.of()),
                d.getList("replaced", Object.class), Boolean.TRUE.equals(d.getBoolean("undone")));
    }

    @Override
    public Map<Object, Document> preImages(String runId, String target, List<Object> keys) {
        List<Document> ids = keys.stream().map(k -> imageId(runId, target, k)).toList();
        Map<Object, Document> out = new HashMap<>();
        for (Document image : images.find(in("_id", ids)).batchSize(1000)) {
            Document pre = image.get("pre", Document.class);
            if (pre == null && image.get("blob") instanceof ObjectId blob) {
                pre = download(blob);
            }
            if (pre != null) {
                out.put(SourceKeys.identity(image.get("_id", Document.class).get("key")), pre);
            }
        }
        return out;
    }

    @Override
    public void markUndone(UndoEntry entry) {
        undo.updateOne(eq("_id", id(entry)), Updates.set("undone", true));
    }

    @Override
    public Map<String, PendingUndo> pending(String runId) {
        Map<String, PendingUndo> out = new LinkedHashMap<>();
        for (Document d : undo.find(and(eq("run", runId), eq("undone", false))).batchSize(200)) {
            out.merge(d.getString("target"), new PendingUndo(d.getList("inserted", Object.class).size(),
                    d.getList("replaced", Object.class).size()), (a, b) -> a.plus(b.toDelete(), b.toRestore()));
        }
        return out;
    }

    private static String id(UndoEntry entry) {
        return entry.runId() + "/" + entry.batch() + "/" + entry.target();
    }

    private GridFSBucket blobs() {
        return GridFSBuckets.create(store.database(), blobs);
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
