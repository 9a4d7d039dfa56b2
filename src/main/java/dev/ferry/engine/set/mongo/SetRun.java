package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.SetListener;

import dev.ferry.engine.runtime.Identity;
import dev.ferry.engine.RunControl;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.store.mongo.MongoSetHistory;
import dev.ferry.store.mongo.MongoSetUndo;
import dev.ferry.store.mongo.MongoStore;

/** What the versions of one set run share: the database, its history and undo log, who runs it, and its lease. */
record SetRun(MongoStore store, String set, MongoSetHistory history, MongoSetUndo undo, Identity me,
              MongoLease lease, int batchSize, RunControl control, SetListener listener) {

    String owner() {
        return lease.owner();
    }

    StepContext context(long version, boolean recordUndo) {
        return new StepContext(store, undo, set, version, 0, batchSize, control, lease::heartbeat, listener,
                recordUndo);
    }
}
