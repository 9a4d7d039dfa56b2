package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.journal.KeyWriter;
import dev.ferry.store.journal.TargetKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Who wrote each target key in {@code ferry_target_keys}: one document per run, target and key, {@code _id} {run,
 * target, key as its identity (numbers as decimal128, so 5 and 5L are one)}, with the key as written, the source key
 * and the batch. Looked up by {@code _id}, a batch's keys at a time.
 */
public final class MongoTargetKeys implements TargetKeys {

    private static final int IN_BATCH = 1000;

    private final MongoCollection<Document> keys;

    MongoTargetKeys(MongoCollection<Document> keys) {
        this.keys = keys;
    }

    void createIndexes() {
        keys.createIndex(Indexes.compoundIndex(Indexes.ascending("run"), Indexes.ascending("batch")),
                new IndexOptions().name("run_batch"));
    }

    @Override
    public Map<Object, KeyWriter> writtenBy(String runId, String target, List<Object> wanted) {
        Map<Object, KeyWriter> found = new HashMap<>();
        List<Document> ids = wanted.stream().map(k -> id(runId, target, k)).toList();
        for (int from = 0; from < ids.size(); from += IN_BATCH) {
            List<Document> chunk = ids.subList(from, Math.min(ids.size(), from + IN_BATCH));
            for (Document d : keys.find(in("_id", chunk)).batchSize(chunk.size())) {
                Object key = d.get("key");
                found.put(SourceKeys.identity(key), new KeyWriter(key, d.get("source"), d.get("batch", Number.class)
                        .longValue()));
            }
        }
        return found;
    }

    private static final int DUPLICATE_KEY = 11000;

    @Override
    public void record(String runId, String target, List<KeyWriter> writers) {
        if (writers.isEmpty()) {
            return;
        }
        List<ReplaceOneModel<Document>> writes = new ArrayList<>(writers.size());
        for (KeyWriter w : writers) {
            Document id = id(runId, target, w.key());
            // matched only when the same source holds the key (a replay); else the upsert's insert of an _id that
            // exists fails as a duplicate, which keeps the first claim
            writes.add(new ReplaceOneModel<>(and(eq("_id", id), eq("source", w.sourceKey())), new Document("_id", id)
                    .append("run", runId).append("target", target).append("batch", w.batch()).append("key", w.key())
                    .append("source", w.sourceKey()), new ReplaceOptions().upsert(true)));
        }
        try {
            keys.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (com.mongodb.MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(err -> err.getCode() != DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    void discardAfter(String runId, long batch) {
        discardBetween(runId, batch, Long.MAX_VALUE);
    }

    void discardBetween(String runId, long batch, long upTo) {
        keys.deleteMany(and(eq("run", runId), gt("batch", batch), lte("batch", upTo)));
    }

    private static Document id(String runId, String target, Object key) {
        return new Document("run", runId).append("target", target).append("key", SourceKeys.storableIdentity(key));
    }
}
