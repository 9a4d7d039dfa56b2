package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import dev.ferry.store.journal.BatchRecord;
import dev.ferry.store.journal.Batches;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Batch records in {@code ferry_batches}: {@code _id} run/batch, the batch's figures under {@code stats}. */
public final class MongoBatches implements Batches {

    private final MongoCollection<Document> batches;

    MongoBatches(MongoCollection<Document> batches) {
        this.batches = batches;
    }

    void createIndexes() {
        batches.createIndex(Indexes.compoundIndex(Indexes.ascending("run"), Indexes.ascending("batch")));
    }

    @Override
    public void record(BatchRecord b) {
        String id = b.runId() + "/" + b.batch();
        batches.replaceOne(eq("_id", id), new Document("_id", id).append("run", b.runId()).append("batch", b.batch())
                .append("at", Date.from(b.at())).append("stats", new Document("read", b.read())
                        .append("quarantined", b.quarantined()).append("ms", b.millis())
                        .append("written", new Document(new LinkedHashMap<>(b.written())))),
                new ReplaceOptions().upsert(true));
    }

    @Override
    public List<BatchRecord> of(String runId) {
        List<BatchRecord> out = new ArrayList<>();
        for (Document d : batches.find(eq("run", runId)).sort(Sorts.ascending("batch"))) {
            Document stats = d.get("stats", Document.class);
            Map<String, Long> written = new LinkedHashMap<>();
            stats.get("written", Document.class).forEach((k, v) -> written.put(k, ((Number) v).longValue()));
            out.add(new BatchRecord(runId, ((Number) d.get("batch")).longValue(), d.getDate("at").toInstant(),
                    ((Number) stats.get("read")).longValue(), ((Number) stats.get("quarantined")).longValue(),
                    ((Number) stats.get("ms")).longValue(), written));
        }
        return out;
    }

    void discardAfter(String runId, long batch) {
        batches.deleteMany(and(eq("run", runId), gt("batch", batch)));
    }
}
