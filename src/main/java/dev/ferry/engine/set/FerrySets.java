package dev.ferry.engine.set;

import dev.ferry.engine.RunControl;
import dev.ferry.plan.MigrationSet;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.store.mongo.MongoStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The facade for versioned migration sets, in the style of {@link dev.ferry.engine.Ferry}: one verb a method, each
 * returning a result object the CLI prints and the console shows. Opened on one database; close it when done.
 */
public final class FerrySets implements AutoCloseable {

    /** {@code -Dferry.lease.ttl.seconds} overrides the 60 s, as for plan runs. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(Long.getLong("ferry.lease.ttl.seconds", 60));
    public static final int DEFAULT_BATCH_SIZE = 1000;

    private final MongoStore store;
    private final boolean ownsStore;
    private final Duration leaseTtl;
    private final int batchSize;

    private FerrySets(MongoStore store, boolean ownsStore, Duration leaseTtl, int batchSize) {
        this.store = store;
        this.ownsStore = ownsStore;
        this.leaseTtl = leaseTtl;
        this.batchSize = batchSize;
    }

    /** Connects to the database named in the URI; fails with a one-line reason when it cannot. */
    public static FerrySets connect(String uri) {
        return new FerrySets(MongoStore.connect(uri), true, DEFAULT_LEASE_TTL, DEFAULT_BATCH_SIZE);
    }

    /** Works on a connection someone else owns (the console's): {@link #close()} leaves it open. */
    public static FerrySets on(MongoStore store) {
        return new FerrySets(store, false, DEFAULT_LEASE_TTL, DEFAULT_BATCH_SIZE);
    }

    public FerrySets withLeaseTtl(Duration ttl) {
        return new FerrySets(store, ownsStore, ttl, batchSize);
    }

    public FerrySets withBatchSize(int size) {
        return new FerrySets(store, ownsStore, leaseTtl, size);
    }

    public MongoStore store() {
        return store;
    }

    /** Every version, files and history together, and the lease holder. Reads only. */
    public SetStatusReport status(MigrationSet set) {
        return new SetInspector(store, SetLease.name(store)).inspect(set);
    }

    /** The versions {@code up} or {@code down} would take, in order (for a confirmation); refuses as they would. */
    public List<VersionStatus> planned(MigrationSet set, Direction direction, Selection selection) {
        SetStatusReport status = status(set);
        return direction == Direction.UP ? SetSelector.forUp(status, selection)
                : SetSelector.forDown(status, selection);
    }

    /** Applies the selected pending (or failed, or rolled back) versions, oldest first; stops at the first failure. */
    public SetReport up(MigrationSet set, Selection selection, RunControl control, SetListener listener) {
        return new SetRunner(store, leaseTtl, batchSize).run(set, Direction.UP, selection, control, listener);
    }

    /** Rolls back the selected applied versions, newest first; stops at the first failure. */
    public SetReport down(MigrationSet set, Selection selection, RunControl control, SetListener listener) {
        return new SetRunner(store, leaseTtl, batchSize).run(set, Direction.DOWN, selection, control, listener);
    }

    /** Accepts the checksums of applied versions whose files changed. Changes no data. */
    public RepairReport repair(MigrationSet set) {
        return new SetRepair(store, leaseTtl).repair(set);
    }

    /** The live set lease on this database, if anyone holds it. */
    public Optional<LeaseInfo> lease() {
        return MongoLease.holder(store, SetLease.name(store)).map(LeaseInfo::of);
    }

    /** Releases the set lease by hand (the operator confirmed), only while {@code owner} still holds it. */
    public boolean releaseLease(String owner) {
        return MongoLease.releaseHeldBy(store, SetLease.name(store), owner);
    }

    @Override
    public void close() {
        if (ownsStore) {
            store.close();
        }
    }
}
