package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.SetEvent;
import dev.ferry.engine.set.SetListener;

import dev.ferry.engine.RunControl;
import dev.ferry.store.mongo.MongoSetUndo;
import dev.ferry.store.mongo.MongoStore;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.bson.Document;

/**
 * What an operation works with while it applies or undoes one step of a version: the database, where to record its
 * undo, the batch size, and the run's control (checked before every write, so a lost lease or Ctrl-C stops it
 * between batches, never inside one).
 *
 * @param leaseStillOurs renews the set lease and says whether this process still holds it; asked before every write
 * @param recordUndo false for the operations of an explicit {@code down:} section: nothing undoes a down
 */
public record StepContext(MongoStore store, MongoSetUndo undo, String set, long version, int step, int batchSize,
                          RunControl control, BooleanSupplier leaseStillOurs, SetListener listener,
                          boolean recordUndo) {

    /** Records what undoes the write about to be made; call before the write. */
    public void recordUndo(String kind, Document payload) {
        if (recordUndo) {
            undo.record(set, version, step, kind, payload);
        }
    }

    /** Stops the step before its next write when the run was cancelled (Ctrl-C, or the lease was lost). */
    public void checkRunning() {
        if (control.requested() == RunControl.Request.CANCEL) {
            throw new SetStoppedException(control.reason());
        }
        if (!leaseStillOurs.getAsBoolean()) {
            throw new SetStoppedException("this process lost the set lease (it was unresponsive for longer than the"
                    + " lease's time to live) and another process may be working on the set");
        }
    }

    public void progress(long done, long total) {
        listener.on(new SetEvent.StepProgress(Instant.now(), version, step, done, total));
    }

    public StepContext forStep(int newStep) {
        return new StepContext(store, undo, set, version, newStep, batchSize, control, leaseStillOurs, listener,
                recordUndo);
    }
}
