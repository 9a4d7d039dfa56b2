package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * A lease on one plan, kept in {@code ferry_leases}, so that two consoles never run the same migration at once.
 * The holder renews it by heartbeat; a holder that died stops renewing and its lease expires by itself. The owner
 * names one acquisition (a random part included), so two runs in one process never share a lease.
 */
public final class MongoLease {

    public static final String LEASES = "ferry_leases";

    private final MongoCollection<Document> leases;
    private final String plan;
    private final String owner;
    private final Duration ttl;

    public MongoLease(MongoStore store, String plan, String owner, Duration ttl) {
        this.leases = store.collection(LEASES);
        this.plan = plan;
        this.owner = owner;
        this.ttl = ttl;
    }

    /** Takes the lease if it is free, expired or already ours; otherwise returns the current holder's lease. */
    public Optional<Document> tryAcquire(String runId, String host, String operator) {
        Instant now = Instant.now();
        Document fields = new Document("owner", owner).append("runId", runId).append("host", host)
                .append("operator", operator).append("acquiredAt", Date.from(now))
                .append("heartbeatAt", Date.from(now)).append("expiresAt", Date.from(now.plus(ttl)));
        try {
            leases.insertOne(new Document("_id", plan).append("plan", plan).append("owner", owner)
                    .append("runId", runId).append("host", host).append("operator", operator)
                    .append("acquiredAt", Date.from(now)).append("heartbeatAt", Date.from(now))
                    .append("expiresAt", Date.from(now.plus(ttl))));
            return Optional.empty();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document taken = leases.findOneAndUpdate(
                and(eq("_id", plan), or(lt("expiresAt", Date.from(now)), eq("owner", owner))),
                new Document("$set", fields),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (taken != null) {
            return Optional.empty();
        }
        Document holder = leases.find(eq("_id", plan)).first();
        return holder == null ? tryAcquire(runId, host, operator) : Optional.of(holder);
    }

    /** Names the run this lease is for, once it is known (the lease is taken before the journal is read). */
    public void describe(String runId) {
        leases.updateOne(and(eq("_id", plan), eq("owner", owner)), new Document("$set", new Document("runId", runId)));
    }

    /** Renews the lease; false when it is no longer ours (it expired and another holder took it). */
    public boolean heartbeat() {
        Instant now = Instant.now();
        return leases.updateOne(and(eq("_id", plan), eq("owner", owner)),
                new Document("$set", new Document("heartbeatAt", Date.from(now))
                        .append("expiresAt", Date.from(now.plus(ttl))))).getMatchedCount() == 1;
    }

    public void release() {
        leases.deleteOne(and(eq("_id", plan), eq("owner", owner)));
    }

    public String owner() {
        return owner;
    }

    public Duration ttl() {
        return ttl;
    }

    /**
     * Releases a lease by hand, for an operator who confirmed that its holder is gone: only while the same holder
     * (the owner shown to the operator) still has it, so a lease taken over meanwhile is never released by mistake.
     */
    public static boolean releaseHeldBy(MongoStore store, String plan, String owner) {
        return store.collection(LEASES).deleteOne(and(eq("_id", plan), eq("owner", owner))).getDeletedCount() == 1;
    }

    /** The live (unexpired) lease on a plan, if any. */
    public static Optional<Document> holder(MongoStore store, String plan) {
        Document lease = store.collection(LEASES).find(eq("_id", plan)).first();
        if (lease == null || lease.getDate("expiresAt").toInstant().isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(lease);
    }
}
