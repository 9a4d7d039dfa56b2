package dev.ferry.service;

import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest "processed of total" of a job, kept from engine events on the engine's thread and read by a UI ticker:
 * however fast the events come, the UI paints at its own pace.
 */
public final class LatestProgress implements RunListener {

    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong total = new AtomicLong(-1);

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.Started started) {
            total.set(started.total());
            processed.set(started.alreadyProcessed());
        } else if (event instanceof RunEvent.BatchDone batch) {
            total.set(batch.total());
            processed.set(batch.processed());
        } else if (event instanceof RunEvent.UndoProgress undo) {
            total.set(undo.total());
            processed.set(undo.done());
        }
    }

    public long processed() {
        return processed.get();
    }

    /** The total, or -1 while unknown. */
    public long total() {
        return total.get();
    }

    /** 0..1, or -1 (indeterminate) while the total is unknown. */
    public double fraction() {
        long t = total.get();
        return t <= 0 ? -1 : Math.min(1.0, (double) processed.get() / t);
    }
}
