package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.journal.QuarantineEntry;
import dev.ferry.store.journal.QuarantineLog;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** Quarantined records in {@code ferry_quarantine}, {@code _id} {run, key}, with the reason and the source record. */
public final class MongoQuarantine implements QuarantineLog {

    /** A quarantined record larger than this is not copied into its entry (which must stay under 16 MB). */
    static final int SOURCE_COPY_LIMIT = 15 * 1024 * 1024;
    private static final JsonWriterSettings SHELL = JsonWriterSettings.builder().outputMode(JsonMode.SHELL).build();

    private final MongoCollection<Document> quarantine;

    MongoQuarantine(MongoCollection<Document> quarantine) {
        this.quarantine = quarantine;
    }

    void createIndexes() {
        quarantine.createIndex(Indexes.compoundIndex(Indexes.ascending("run"), Indexes.ascending("batch")));
    }

    @Override
    public void put(String runId, String plan, long batch, List<QuarantineEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<ReplaceOneModel<Document>> writes = new ArrayList<>(entries.size());
        for (QuarantineEntry e : entries) {
            Document id = new Document("run", runId).append("key", e.key());
            Document entry = new Document("_id", id).append("run", runId).append("plan", plan).append("batch", batch)
                    .append("at", new Date()).append("key", e.key()).append("reason", e.reason())
                    .append("errors", e.errors());
            int size = e.source() == null ? 0 : DocumentChecksum.bsonSize(e.source());
            if (size > SOURCE_COPY_LIMIT) {
                entry.append("sourceOmitted", "the record is " + size + " bytes, too large to copy here; it is"
                        + " unchanged in the source: find it by its key");
            } else {
                entry.append("source", e.source());
            }
            writes.add(new ReplaceOneModel<>(eq("_id", id), entry, new ReplaceOptions().upsert(true)));
        }
        quarantine.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    @Override
    public List<Object> keys(String runId) {
        List<Object> keys = new ArrayList<>();
        for (Document q : quarantine.find(eq("run", runId)).batchSize(1000)) {
            keys.add(q.get("key"));
        }
        return keys;
    }

    @Override
    public List<QuarantineEntry> entries(String runId, int limit) {
        List<QuarantineEntry> out = new ArrayList<>();
        for (Document q : quarantine.find(eq("run", runId)).sort(new Document("batch", 1)).limit(limit)
                .batchSize(Math.min(limit, 1000))) {
            out.add(new QuarantineEntry(q.get("key"), q.getString("reason"), q.getList("errors", String.class, List.of()),
                    q.get("source", Document.class)));
        }
        return out;
    }

    @Override
    public String place() {
        return quarantine.getNamespace().getCollectionName();
    }

    @Override
    public String query(String runId) {
        return "db." + place() + ".find(" + new Document("run", runId).toJson(SHELL) + ")";
    }

    void discardAfter(String runId, long batch) {
        discardBetween(runId, batch, Long.MAX_VALUE);
    }

    void discardBetween(String runId, long batch, long upTo) {
        quarantine.deleteMany(and(eq("run", runId), gt("batch", batch), lte("batch", upTo)));
    }
}
