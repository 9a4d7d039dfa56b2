package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.RepairReport;
import dev.ferry.engine.set.VersionStatus;

import dev.ferry.engine.runtime.Identity;
import dev.ferry.engine.runtime.LeaseKeeper;
import dev.ferry.engine.RunControl;
import dev.ferry.plan.MigrationSet;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.store.mongo.MongoSetHistory;
import dev.ferry.store.mongo.MongoStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code set repair}: accepts the current checksum of each applied version whose file changed, recording it (and
 * the repair, as an event) in the history. It changes no data and re-runs nothing.
 */
final class SetRepair {

    private final MongoStore store;
    private final Duration leaseTtl;

    SetRepair(MongoStore store, Duration leaseTtl) {
        this.store = store;
        this.leaseTtl = leaseTtl;
    }

    RepairReport repair(MigrationSet set) {
        Identity me = Identity.current();
        MongoLease lease = SetLease.acquire(store, me, leaseTtl, set.name() + ": repair");
        try (LeaseKeeper keeper = new LeaseKeeper(lease, new RunControl())) {
            MongoSetHistory history = new MongoSetHistory(store);
            List<RepairReport.Accepted> accepted = new ArrayList<>();
            for (VersionStatus v : new SetInspector(store, SetLease.name(store)).inspect(set).versions()) {
                if (v.checksumMismatch()
                        && history.acceptChecksum(set.name(), v.version(), v.fileChecksum(), me.operator())) {
                    accepted.add(new RepairReport.Accepted(v.label(), v.script(), v.recordedChecksum(),
                            v.fileChecksum()));
                }
            }
            return new RepairReport(set.name(), store.databaseName(), accepted);
        }
    }
}
