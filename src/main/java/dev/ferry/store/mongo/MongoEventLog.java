package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import dev.ferry.store.journal.EventLog;
import dev.ferry.store.journal.EventRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Run events in {@code ferry_events}: one document each, its fields under {@code data}. */
final class MongoEventLog implements EventLog {

    private final MongoCollection<Document> events;

    MongoEventLog(MongoCollection<Document> events) {
        this.events = events;
    }

    void createIndexes() {
        events.createIndex(Indexes.compoundIndex(Indexes.ascending("run"), Indexes.ascending("at")));
    }

    @Override
    public void append(List<EventRecord> list) {
        if (list.isEmpty()) {
            return;
        }
        List<Document> docs = new ArrayList<>(list.size());
        for (EventRecord e : list) {
            docs.add(new Document("_id", e.id()).append("run", e.runId()).append("plan", e.plan())
                    .append("at", MongoRuns.date(e.at())).append("type", e.type()).append("data", e.data())
                    .append("operator", e.operator()).append("host", e.host()));
        }
        try {
            events.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // written again after a failure that had got some through: those are there already, by their ids
            if (e.getWriteErrors().stream().anyMatch(w -> w.getCode() != 11000)) {
                throw e;
            }
        }
    }

    @Override
    public List<EventRecord> since(String runId, Instant from, int limit) {
        return find(and(eq("run", runId), gte("at", MongoRuns.date(from))), limit);
    }

    @Override
    public List<EventRecord> ofRuns(Collection<String> runIds, Set<String> types) {
        return runIds.isEmpty() ? List.of() : find(and(in("run", runIds), in("type", types)), 0);
    }

    private List<EventRecord> find(Bson filter, int limit) {
        List<EventRecord> out = new ArrayList<>();
        var found = events.find(filter).sort(ascending("at", "_id"));
        if (limit > 0) {
            found = found.limit(limit).batchSize(limit);
        }
        found.forEach(d -> out.add(new EventRecord(d.getString("_id"), d.getString("run"), d.getString("plan"),
                MongoRuns.instant(d, "at"), d.getString("type"), d.get("data", Document.class),
                d.getString("operator"), d.getString("host"))));
        return out;
    }
}
