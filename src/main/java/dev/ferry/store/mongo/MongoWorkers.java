package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import dev.ferry.store.journal.WorkerRecord;
import dev.ferry.store.journal.Workers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** The processes working on runs, in {@code ferry_workers}: one document per worker, beaten while it lives. */
final class MongoWorkers implements Workers {

    private final MongoCollection<Document> workers;

    MongoWorkers(MongoCollection<Document> workers) {
        this.workers = workers;
    }

    void createIndexes() {
        workers.createIndex(Indexes.ascending("run"));
        workers.createIndex(Indexes.compoundIndex(Indexes.ascending("plan"), Indexes.descending("startedAt")));
    }

    @Override
    public void register(WorkerRecord w) {
        workers.insertOne(new Document("_id", w.id()).append("plan", w.plan()).append("run", w.runId())
                .append("verb", w.verb()).append("host", w.host()).append("pid", w.pid())
                .append("operator", w.operator()).append("log", w.log()).append("startedAt", MongoRuns.date(w.startedAt()))
                .append("heartbeatAt", MongoRuns.date(w.heartbeatAt())).append("endedAt", MongoRuns.date(w.endedAt()))
                .append("outcome", w.outcome()));
    }

    @Override
    public void describe(String workerId, String runId) {
        workers.updateOne(eq("_id", workerId), new Document("$set", new Document("run", runId)));
    }

    @Override
    public void heartbeat(String workerId, Instant at) {
        workers.updateOne(eq("_id", workerId), new Document("$set", new Document("heartbeatAt", MongoRuns.date(at))));
    }

    @Override
    public void ended(String workerId, Instant at, String outcome) {
        workers.updateOne(eq("_id", workerId), new Document("$set", new Document("endedAt", MongoRuns.date(at))
                .append("heartbeatAt", MongoRuns.date(at)).append("outcome", outcome)));
    }

    @Override
    public List<WorkerRecord> ofRun(String runId) {
        return find(eq("run", runId));
    }

    @Override
    public List<WorkerRecord> ofPlan(String plan, Instant since) {
        return find(and(eq("plan", plan), gte("startedAt", MongoRuns.date(since))));
    }

    private List<WorkerRecord> find(Bson filter) {
        List<WorkerRecord> out = new ArrayList<>();
        workers.find(filter).sort(descending("startedAt")).forEach(d -> out.add(new WorkerRecord(d.getString("_id"),
                d.getString("plan"), d.getString("run"), d.getString("verb"), d.getString("host"),
                MongoRuns.number(d.get("pid")), d.getString("operator"), d.getString("log"),
                MongoRuns.instant(d, "startedAt"), MongoRuns.instant(d, "heartbeatAt"),
                MongoRuns.instant(d, "endedAt"), d.getString("outcome"))));
        return out;
    }
}
