package dev.ferry.spark.app;

import dev.ferry.FerryException;
import dev.ferry.engine.Partition;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;

/**
 * The retry drill ({@code spark.ferry.drill.failTaskAfterBatches=N}): the first attempt of the first range's task
 * fails after N batches, so Spark retries it and the retry must resume the range from its checkpoint.
 */
final class FailingTask implements RunListener {

    private final int after;
    private final Partition partition;
    private int batches;

    FailingTask(int after, Partition partition) {
        this.after = after;
        this.partition = partition;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.BatchDone && ++batches == after) {
            throw new FerryException("drill: the task of " + partition.label() + " fails after " + after
                    + " batches (spark.ferry.drill.failTaskAfterBatches)");
        }
    }
}
