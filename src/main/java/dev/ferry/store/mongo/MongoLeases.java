package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import dev.ferry.store.journal.LeaseRecord;
import dev.ferry.store.journal.Leases;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bson.Document;

/** Leases in {@code ferry_leases}, one document per plan (see {@link MongoLease}). */
public final class MongoLeases implements Leases {

    private final MongoCollection<Document> leases;

    MongoLeases(MongoCollection<Document> leases) {
        this.leases = leases;
    }

    @Override
    public MongoLease lease(String plan, String owner, Duration ttl) {
        return new MongoLease(leases, plan, owner, ttl);
    }

    @Override
    public Optional<LeaseRecord> holder(String plan) {
        Document lease = leases.find(eq("_id", plan)).first();
        if (lease == null || lease.getDate("expiresAt").toInstant().isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(MongoLease.record(lease));
    }

    @Override
    public Optional<LeaseRecord> last(String plan) {
        return Optional.ofNullable(leases.find(eq("_id", plan)).first()).map(MongoLease::record);
    }

    @Override
    public boolean releaseHeldBy(String plan, String owner) {
        return leases.deleteOne(and(eq("_id", plan), eq("owner", owner))).getDeletedCount() == 1;
    }
}
