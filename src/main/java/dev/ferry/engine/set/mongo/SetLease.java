package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.SetRefusedException;

import dev.ferry.engine.runtime.Identity;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.store.mongo.MongoStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bson.Document;

/**
 * The lease that lets one set run at a time work on a database ({@code set:<database>} in {@code ferry_leases}),
 * with owner, heartbeat and expiry: a holder that died stops renewing, and its lease expires by itself.
 */
final class SetLease {

    private SetLease() {
    }

    static String name(MongoStore store) {
        return "set:" + store.databaseName();
    }

    /** Takes the lease or refuses, naming the holder, what it is doing and when its lease expires. */
    static MongoLease acquire(MongoStore store, Identity me, Duration ttl, String doing) {
        MongoLease lease = new MongoLease(store, name(store), me.owner("set"), ttl);
        Optional<Document> holder = lease.tryAcquire(doing, me.host(), me.operator());
        if (holder.isPresent()) {
            Document h = holder.get();
            Instant expires = h.getDate("expiresAt").toInstant();
            long ago = h.getDate("heartbeatAt") == null ? -1
                    : Duration.between(h.getDate("heartbeatAt").toInstant(), Instant.now()).toSeconds();
            throw new SetRefusedException("Another set run holds the lease on database " + store.databaseName()
                    + ": " + h.getString("operator") + " on " + h.getString("host") + " (" + h.getString("runId")
                    + ", last heartbeat " + ago + " s ago, owner " + h.getString("owner") + "). Wait for it to"
                    + " finish. If that process died, its lease expires by itself at " + expires + "; to release it"
                    + " sooner, run 'ferry set release-lease' (it asks for confirmation). Nothing was changed.");
        }
        return lease;
    }
}
