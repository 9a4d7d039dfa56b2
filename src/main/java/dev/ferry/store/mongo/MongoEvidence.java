package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import dev.ferry.store.journal.KeptEvidence;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Evidence in {@code ferry_evidence}: one document per entry, {@code _id} its id, the record under {@code body}. */
public final class MongoEvidence extends KeptEvidence {

    private final MongoCollection<Document> evidence;

    MongoEvidence(MongoCollection<Document> evidence) {
        this.evidence = evidence;
    }

    void createIndexes() {
        evidence.createIndex(Indexes.compoundIndex(Indexes.ascending("kind"), Indexes.ascending("run"),
                Indexes.ascending("at")));
        evidence.createIndex(Indexes.compoundIndex(Indexes.ascending("kind"), Indexes.ascending("plan"),
                Indexes.ascending("at")));
    }

    @Override
    protected void put(Entry e) {
        evidence.replaceOne(eq("_id", e.id()), new Document("_id", e.id()).append("kind", e.kind())
                .append("run", e.runId()).append("plan", e.plan()).append("planHash", e.planHash())
                .append("key", e.key()).append("at", Date.from(e.at())).append("body", e.body()),
                new ReplaceOptions().upsert(true));
    }

    @Override
    protected List<Entry> find(Query q) {
        List<Bson> filters = new ArrayList<>(List.of(eq("kind", q.kind())));
        if (q.runId() != null) {
            filters.add(eq("run", q.runId()));
        }
        if (q.plan() != null) {
            filters.add(eq("plan", q.plan()));
        }
        if (q.planHash() != null) {
            filters.add(eq("planHash", q.planHash()));
        }
        if (q.key() != null) {
            filters.add(eq("key", q.key()));
        }
        if (q.before() != null) {
            filters.add(lte("at", Date.from(q.before())));
        }
        Bson order = q.newestFirst() ? orderBy(descending("at"), descending("_id"))
                : orderBy(ascending("at"), ascending("_id"));
        List<Entry> out = new ArrayList<>();
        for (Document d : evidence.find(and(filters)).sort(order).limit(q.limit()).batchSize(Math.min(q.limit(), 200))) {
            out.add(new Entry(d.getString("_id"), d.getString("kind"), d.getString("run"), d.getString("plan"),
                    d.getString("planHash"), d.getString("key"), d.getDate("at").toInstant(),
                    d.get("body", Document.class)));
        }
        return out;
    }
}
