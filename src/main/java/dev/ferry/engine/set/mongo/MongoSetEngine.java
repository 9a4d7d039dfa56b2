package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.SetEngine;

import dev.ferry.engine.runtime.RunIds;

import dev.ferry.engine.set.Direction;
import dev.ferry.engine.set.LeaseInfo;
import dev.ferry.engine.set.RepairReport;
import dev.ferry.engine.set.Selection;
import dev.ferry.engine.set.SetListener;
import dev.ferry.engine.set.SetReport;
import dev.ferry.engine.set.SetStatusReport;
import dev.ferry.engine.set.VersionStatus;

import dev.ferry.engine.RunControl;
import dev.ferry.plan.MigrationSet;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.store.mongo.MongoStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Versioned migration sets on a MongoDB database: history, undo log and set lease in its Ferry collections. */
public final class MongoSetEngine implements SetEngine {

    private final MongoStore store;
    private final boolean ownsStore;
    private final Duration leaseTtl;
    private final int batchSize;

    private MongoSetEngine(MongoStore store, boolean ownsStore, Duration leaseTtl, int batchSize) {
        this.store = store;
        this.ownsStore = ownsStore;
        this.leaseTtl = leaseTtl;
        this.batchSize = batchSize;
    }

    /** Connects to the database named in the URI; fails with a one-line reason when it cannot. */
    public static MongoSetEngine connect(String uri) {
        return new MongoSetEngine(MongoStore.connect(uri), true, RunIds.DEFAULT_LEASE_TTL, DEFAULT_BATCH_SIZE);
    }

    /** Works on a connection someone else owns (the console's): {@link #close()} leaves it open. */
    public static MongoSetEngine on(MongoStore store) {
        return new MongoSetEngine(store, false, RunIds.DEFAULT_LEASE_TTL, DEFAULT_BATCH_SIZE);
    }

    public MongoSetEngine withLeaseTtl(Duration ttl) {
        return new MongoSetEngine(store, ownsStore, ttl, batchSize);
    }

    @Override
    public MongoSetEngine withBatchSize(int size) {
        return new MongoSetEngine(store, ownsStore, leaseTtl, size);
    }

    @Override
    public String databaseName() {
        return store.databaseName();
    }

    public MongoStore store() {
        return store;
    }

    /** Every version, files and history together, and the lease holder. Reads only. */
    @Override
    public SetStatusReport status(MigrationSet set) {
        return new SetInspector(store, SetLease.name(store)).inspect(set);
    }

    /** The versions {@code up} or {@code down} would take, in order (for a confirmation); refuses as they would. */
    @Override
    public List<VersionStatus> planned(MigrationSet set, Direction direction, Selection selection) {
        SetStatusReport status = status(set);
        return direction == Direction.UP ? SetSelector.forUp(status, selection)
                : SetSelector.forDown(status, selection);
    }

    /** Applies the selected pending (or failed, or rolled back) versions, oldest first; stops at the first failure. */
    @Override
    public SetReport up(MigrationSet set, Selection selection, RunControl control, SetListener listener) {
        return new SetRunner(store, leaseTtl, batchSize).run(set, Direction.UP, selection, control, listener);
    }

    /** Rolls back the selected applied versions, newest first; stops at the first failure. */
    @Override
    public SetReport down(MigrationSet set, Selection selection, RunControl control, SetListener listener) {
        return new SetRunner(store, leaseTtl, batchSize).run(set, Direction.DOWN, selection, control, listener);
    }

    /** Accepts the checksums of applied versions whose files changed. Changes no data. */
    @Override
    public RepairReport repair(MigrationSet set) {
        return new SetRepair(store, leaseTtl).repair(set);
    }

    /** The live set lease on this database, if anyone holds it. */
    @Override
    public Optional<LeaseInfo> lease() {
        return MongoLease.holder(store, SetLease.name(store)).map(SetLease::info);
    }

    /** Releases the set lease by hand (the operator confirmed), only while {@code owner} still holds it. */
    @Override
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
