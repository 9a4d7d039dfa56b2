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
import dev.ferry.store.journal.HolderProcess;
import dev.ferry.store.journal.Lease;
import dev.ferry.store.journal.LeaseRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * A lease on one plan (or a migration set), kept in {@code ferry_leases}, {@code _id} the plan, so that two consoles
 * never run the same migration at once. The holder renews it by heartbeat; a holder that died stops renewing and its
 * lease expires by itself. The owner names one acquisition (a random part included), so two runs in one process
 * never share a lease.
 */
public final class MongoLease implements Lease {

    public static final String LEASES = MongoJournal.LEASES;

    private final MongoCollection<Document> leases;
    private final String plan;
    private final String owner;
    private final Duration ttl;

    public MongoLease(MongoStore store, String plan, String owner, Duration ttl) {
        this(store.collection(LEASES), plan, owner, ttl);
    }

    MongoLease(MongoCollection<Document> leases, String plan, String owner, Duration ttl) {
        this.leases = leases;
        this.plan = plan;
        this.owner = owner;
        this.ttl = ttl;
    }

    @Override
    public Optional<LeaseRecord> tryAcquire(String runId, HolderProcess process) {
        Instant now = Instant.now();
        Document fields = fields(runId, process, now);
        try {
            Document lease = new Document("_id", plan).append("plan", plan).append("owner", owner);
            lease.putAll(fields);
            leases.insertOne(lease);
            return Optional.empty();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document taken = leases.findOneAndUpdate(
                and(eq("_id", plan), or(lt("expiresAt", Date.from(now)), eq("owner", owner))),
                new Document("$set", withOwner(fields)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (taken != null) {
            return Optional.empty();
        }
        Document holder = leases.find(eq("_id", plan)).first();
        return holder == null ? tryAcquire(runId, process) : Optional.of(record(holder));
    }

    @Override
    public boolean takeOver(String holder, String runId, HolderProcess process) {
        return leases.updateOne(and(eq("_id", plan), eq("owner", holder)), new Document("$set",
                withOwner(fields(runId, process, Instant.now())))).getModifiedCount() == 1;
    }

    private Document withOwner(Document fields) {
        Document set = new Document("owner", owner);
        set.putAll(fields);
        return set;
    }

    private Document fields(String runId, HolderProcess process, Instant now) {
        return new Document("runId", runId).append("host", process.host()).append("operator", process.operator())
                .append("pid", process.pid()).append("processStart", process.startedAt() == null ? null
                        : Date.from(process.startedAt()))
                .append("acquiredAt", Date.from(now)).append("heartbeatAt", Date.from(now))
                .append("expiresAt", Date.from(now.plus(ttl)));
    }

    @Override
    public void describe(String runId) {
        leases.updateOne(and(eq("_id", plan), eq("owner", owner)), new Document("$set", new Document("runId", runId)));
    }

    @Override
    public boolean heartbeat() {
        Instant now = Instant.now();
        return leases.updateOne(and(eq("_id", plan), eq("owner", owner)),
                new Document("$set", new Document("heartbeatAt", Date.from(now))
                        .append("expiresAt", Date.from(now.plus(ttl))))).getMatchedCount() == 1;
    }

    @Override
    public void release() {
        leases.deleteOne(and(eq("_id", plan), eq("owner", owner)));
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    /** Releases a lease by hand (see {@link MongoLeases#releaseHeldBy}). */
    public static boolean releaseHeldBy(MongoStore store, String plan, String owner) {
        return new MongoLeases(store.collection(LEASES)).releaseHeldBy(plan, owner);
    }

    /** The live (unexpired) lease on a plan or set, if any. */
    public static Optional<LeaseRecord> holder(MongoStore store, String plan) {
        return new MongoLeases(store.collection(LEASES)).holder(plan);
    }

    static LeaseRecord record(Document d) {
        Number pid = d.get("pid", Number.class);
        return new LeaseRecord(d.getString("_id"), d.getString("owner"), d.getString("runId"), d.getString("host"),
                d.getString("operator"), MongoRuns.instant(d, "acquiredAt"), MongoRuns.instant(d, "heartbeatAt"),
                MongoRuns.instant(d, "expiresAt"), pid == null ? 0 : pid.longValue(), MongoRuns.instant(d, "processStart"));
    }
}
