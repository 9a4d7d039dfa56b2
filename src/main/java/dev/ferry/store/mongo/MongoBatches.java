package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import dev.ferry.store.journal.BatchRecord;
import dev.ferry.store.journal.Batches;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Batch records in {@code ferry_batches}: {@code _id} run/batch, the batch's figures under {@code stats}, where the run
 * stood after it under {@code run} (absent in records from before Ferry kept it).
 */
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
        Document doc = new Document("_id", id).append("run", b.runId()).append("batch", b.batch())
                .append("at", Date.from(b.at())).append("stats", new Document("read", b.read())
                        .append("quarantined", b.quarantined()).append("ms", b.millis())
                        .append("written", new Document(new LinkedHashMap<>(b.written())))
                        .append("readWaitMs", b.readWaitMillis()).append("elapsedMs", b.elapsedMs()));
        if (b.run().known()) {
            doc.append("run_totals", new Document("processed", b.run().processed()).append("total", b.run().total())
                    .append("quarantined", b.run().quarantined())
                    .append("written", new Document(new LinkedHashMap<>(b.run().written()))));
        }
        batches.replaceOne(eq("_id", id), doc, new ReplaceOptions().upsert(true));
    }

    @Override
    public List<BatchRecord> between(String runId, long after, long upTo, int limit) {
        List<BatchRecord> out = new ArrayList<>();
        batches.find(and(eq("run", runId), gt("batch", after), lte("batch", upTo))).sort(ascending("batch")).limit(limit).batchSize(limit)
                .forEach(d -> out.add(record(d)));
        return out;
    }

    private static BatchRecord record(Document d) {
        Document stats = d.get("stats", new Document());
        Document totals = d.get("run_totals", Document.class);
        BatchRecord.Totals run = totals == null ? BatchRecord.Totals.UNKNOWN : new BatchRecord.Totals(
                MongoRuns.number(totals.get("processed")), MongoRuns.number(totals.get("total")),
                MongoRuns.number(totals.get("quarantined")), counts(totals.get("written", Document.class)));
        return new BatchRecord(d.getString("run"), MongoRuns.number(d.get("batch")), MongoRuns.instant(d, "at"),
                MongoRuns.number(stats.get("read")), MongoRuns.number(stats.get("quarantined")),
                MongoRuns.number(stats.get("ms")), counts(stats.get("written", Document.class)),
                MongoRuns.number(stats.get("readWaitMs")), MongoRuns.number(stats.get("elapsedMs")), run);
    }

    static Map<String, Long> counts(Document d) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (d != null) {
            d.forEach((k, v) -> out.put(k, MongoRuns.number(v)));
        }
        return out;
    }

    void discardAfter(String runId, long batch) {
        discardBetween(runId, batch, Long.MAX_VALUE);
    }

    void discardBetween(String runId, long batch, long upTo) {
        batches.deleteMany(and(eq("run", runId), gt("batch", batch), lte("batch", upTo)));
    }
}
