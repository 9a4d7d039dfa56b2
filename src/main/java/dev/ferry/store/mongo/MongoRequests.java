package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import dev.ferry.store.journal.ControlRequest;
import dev.ferry.store.journal.Requests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Requests to runs in {@code ferry_requests}, one document each, kept as the runs' audit trail. */
final class MongoRequests implements Requests {

    private final MongoCollection<Document> requests;

    MongoRequests(MongoCollection<Document> requests) {
        this.requests = requests;
    }

    void createIndexes() {
        requests.createIndex(Indexes.compoundIndex(Indexes.ascending("plan"), Indexes.ascending("at")));
        requests.createIndex(Indexes.ascending("run"));
    }

    @Override
    public void add(ControlRequest r) {
        requests.insertOne(new Document("_id", r.id()).append("plan", r.plan()).append("run", r.runId())
                .append("kind", r.kind().name()).append("batchSize", r.batchSize()).append("rate", r.rate())
                .append("operator", r.operator()).append("host", r.host()).append("at", MongoRuns.date(r.at()))
                .append("honouredAt", MongoRuns.date(r.honouredAt())).append("honouredBy", r.honouredBy())
                .append("outcome", r.outcome()));
    }

    @Override
    public List<ControlRequest> since(String plan, Instant since) {
        return find(and(eq("plan", plan), gte("at", MongoRuns.date(since))));
    }

    @Override
    public List<ControlRequest> ofRuns(Collection<String> runIds) {
        return runIds.isEmpty() ? List.of() : find(in("run", runIds));
    }

    @Override
    public boolean honour(String id, Instant at, String by, String outcome) {
        return requests.updateOne(and(eq("_id", id), eq("honouredAt", null)), new Document("$set",
                new Document("honouredAt", MongoRuns.date(at)).append("honouredBy", by).append("outcome", outcome)))
                .getModifiedCount() == 1;
    }

    private List<ControlRequest> find(Bson filter) {
        List<ControlRequest> out = new ArrayList<>();
        requests.find(filter).sort(ascending("at", "_id")).forEach(d -> out.add(new ControlRequest(
                d.getString("_id"), d.getString("plan"), d.getString("run"),
                ControlRequest.Kind.valueOf(d.getString("kind")), d.getInteger("batchSize"),
                d.get("rate") instanceof Number n ? n.doubleValue() : null, d.getString("operator"),
                d.getString("host"), MongoRuns.instant(d, "at"), MongoRuns.instant(d, "honouredAt"),
                d.getString("honouredBy"), d.getString("outcome"))));
        return out;
    }
}
