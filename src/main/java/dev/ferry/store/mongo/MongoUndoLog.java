package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * What undoes each batch of a run: per batch and target, the keys the run inserted (undo: delete) and the keys it
 * replaced (undo: put back the pre-image, kept in {@code ferry_undo_images}). Written before the batch's target
 * writes, so a crash between the two leaves an undo entry for writes that may or may not have happened — both
 * are safe to undo. A pre-image is captured once: a replayed batch never overwrites it with its own earlier write.
 */
public final class MongoUndoLog {

    public static final String UNDO = "ferry_undo";
    public static final String IMAGES = "ferry_undo_images";

    private final MongoCollection<Document> undo;
    private final MongoCollection<Document> images;

    public MongoUndoLog(MongoStore store) {
        this.undo = store.collection(UNDO);
        this.images = store.collection(IMAGES);
    }

    /** What one batch did (or was about to do) to one target. */
    public record Entry(String runId, long batch, String target, List<Object> inserted, List<Object> replaced,
                        boolean undone) {
        String id() {
            return entryId(runId, batch, target);
        }
    }

    static String entryId(String runId, long batch, String target) {
        return runId + "/" + batch + "/" + target;
    }

    public Optional<Entry> find(String runId, long batch, String target) {
        return Optional.ofNullable(undo.find(eq("_id", entryId(runId, batch, target))).first()).map(MongoUndoLog::entry);
    }

    /** Saves the batch's entry and the pre-images of the documents it is about to replace. */
    public void save(Entry entry, Map<Object, Document> preImages) {
        if (!preImages.isEmpty()) {
            List<Document> docs = new ArrayList<>(preImages.size());
            preImages.forEach((key, pre) -> docs.add(new Document("_id", imageId(entry.runId(), entry.target(), key))
                    .append("run", entry.runId()).append("batch", entry.batch()).append("pre", pre)));
            try {
                images.insertMany(docs, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                // duplicate keys: an earlier attempt of this batch captured the true pre-image first; keep it
                boolean onlyDuplicates = e.getWriteErrors().stream().allMatch(w -> w.getCode() == 11000);
                if (!onlyDuplicates) {
                    throw e;
                }
            }
        }
        undo.replaceOne(eq("_id", entry.id()), new Document("_id", entry.id()).append("run", entry.runId())
                .append("batch", entry.batch()).append("target", entry.target())
                .append("inserted", entry.inserted()).append("replaced", entry.replaced())
                .append("undone", false), new ReplaceOptions().upsert(true));
    }

    /** A run's entries, last batch first, as rollback replays them. */
    public Iterable<Document> entriesNewestFirst(String runId) {
        return undo.find(eq("run", runId)).sort(descending("batch")).batchSize(100);
    }

    public static Entry entry(Document d) {
        return new Entry(d.getString("run"), ((Number) d.get("batch")).longValue(), d.getString("target"),
                d.getList("inserted", Object.class), d.getList("replaced", Object.class),
                Boolean.TRUE.equals(d.getBoolean("undone")));
    }

    public Map<Object, Document> preImages(String runId, String target, List<Object> keys) {
        List<Document> ids = keys.stream().map(k -> imageId(runId, target, k)).toList();
        Map<Object, Document> out = new HashMap<>();
        for (Document image : images.find(in("_id", ids)).batchSize(1000)) {
            Document pre = image.get("pre", Document.class);
            out.put(pre.get("_id"), pre);
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

    private static Document imageId(String runId, String target, Object key) {
        return new Document("run", runId).append("target", target).append("key", key);
    }
}
