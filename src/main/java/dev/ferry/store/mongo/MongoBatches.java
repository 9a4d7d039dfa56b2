package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import dev.ferry.store.journal.BatchRecord;
import dev.ferry.store.journal.Batches;
import java.util.Date;
import java.util.LinkedHashMap;
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

    void discardAfter(String runId, long batch) {
        discardBetween(runId, batch, Long.MAX_VALUE);
    }

    void discardBetween(String runId, long batch, long upTo) {
        batches.deleteMany(and(eq("run", runId), gt("batch", batch), lte("batch", upTo)));
    }
}
