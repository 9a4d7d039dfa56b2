package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * What undoes each step of a migration set's versions ({@code ferry_set_undo}): written before the step's writes,
 * so whatever reached the data has its undo recorded. Each entry is self-contained (collection, field, value, keys,
 * pre-images): a version can be undone from the log alone, even after its file changed.
 */
public final class MongoSetUndo {

    public static final String UNDO = "ferry_set_undo";

    private final MongoCollection<Document> undo;

    public MongoSetUndo(MongoStore store) {
        this.undo = store.collection(UNDO);
    }

    public void createIndexes() {
        undo.createIndex(Indexes.ascending("set", "version", "step"));
    }

    /** Records one entry; {@code payload} holds what the undo of {@code kind} needs. */
    public void record(String set, long version, int step, String kind, Document payload) {
        Document entry = new Document("_id", new ObjectId()).append("set", set).append("version", version)
                .append("step", step).append("kind", kind).append("at", new Date());
        entry.putAll(payload);
        undo.insertOne(entry);
    }

    /**
     * The ids of the version's entries in the order to undo them: last step first, within a step the newest first.
     * Ids only, so a long log is read one entry at a time.
     */
    public List<Object> idsToUndo(String set, long version) {
        return undo.find(and(eq("set", set), eq("version", version))).projection(new Document("_id", 1))
                .sort(Sorts.orderBy(Sorts.descending("step"), Sorts.descending("_id")))
                .batchSize(10_000).map(d -> d.get("_id")).into(new ArrayList<>());
    }

    public Document entry(Object id) {
        return undo.find(eq("_id", id)).first();
    }

    public void remove(Object entryId) {
        undo.deleteOne(eq("_id", entryId));
    }

    public long count(String set, long version) {
        return undo.countDocuments(and(eq("set", set), eq("version", version)));
    }
}
