package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.SetRefusedException;

import dev.ferry.engine.runtime.Identity;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.store.journal.LeaseRecord;
import dev.ferry.engine.set.LeaseInfo;
import dev.ferry.store.mongo.MongoStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
        Optional<LeaseRecord> holder = lease.tryAcquire(doing, me.host(), me.operator());
        if (holder.isPresent()) {
            LeaseRecord h = holder.get();
            Instant expires = h.expiresAt();
            long ago = h.heartbeatAt() == null ? -1 : Duration.between(h.heartbeatAt(), Instant.now()).toSeconds();
            throw new SetRefusedException("Another set run holds the lease on database " + store.databaseName()
                    + ": " + h.operator() + " on " + h.host() + " (" + h.runId()
                    + ", last heartbeat " + ago + " s ago, owner " + h.owner() + "). Wait for it to"
                    + " finish. If that process died, its lease expires by itself at " + expires + "; to release it"
                    + " sooner, run 'ferry set release-lease' (it asks for confirmation). Nothing was changed.");
        }
        return lease;
    }

    /** A lease as the set API shows it: the holder's run id says what it is doing. */
    static LeaseInfo info(LeaseRecord l) {
        return new LeaseInfo(l.owner(), l.operator(), l.host(), l.runId(), l.acquiredAt(), l.heartbeatAt(),
                l.expiresAt());
    }
}
