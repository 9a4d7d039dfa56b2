package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.MongoCollection;
import dev.ferry.store.journal.DryRunRecord;
import dev.ferry.store.journal.DryRuns;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/** Dry-run estimates in {@code ferry_dry_runs}, one document each. */
public final class MongoDryRuns implements DryRuns {

    private final MongoCollection<Document> dryRuns;

    MongoDryRuns(MongoCollection<Document> dryRuns) {
        this.dryRuns = dryRuns;
    }

    @Override
    public void record(DryRunRecord r) {
        dryRuns.insertOne(new Document("plan", r.plan()).append("planHash", r.planHash()).append("at", Date.from(r.at()))
                .append("sourceRecords", r.sourceRecords()).append("errors", r.errors())
                .append("estimatedMs", r.estimatedMs()).append("estimatedBytes", r.estimatedBytes()));
    }

    @Override
    public Optional<DryRunRecord> latest(String plan, String planHash) {
        return Optional.ofNullable(dryRuns.find(and(eq("plan", plan), eq("planHash", planHash)))
                .sort(descending("at")).first()).map(d -> new DryRunRecord(d.getString("plan"), d.getString("planHash"),
                MongoRuns.instant(d, "at"), MongoRuns.number(d.get("sourceRecords")), MongoRuns.number(d.get("errors")),
                MongoRuns.number(d.get("estimatedMs")), MongoRuns.number(d.get("estimatedBytes"))));
    }
}
