package dev.ferry.spark.app;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.Partition;
import dev.ferry.engine.PartitionBusyException;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.MigrationPlan;
import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spark task: works one partition of the run through Ferry's partition worker. A retried task (its earlier
 * attempt failed, was killed, or its executor was lost) resumes the range from its checkpoint, the worker reverting
 * what the earlier attempt wrote after it; while the earlier attempt's lease lives, the retry waits for it.
 */
final class PartitionTask implements Function<ShippedPartition, PartitionTask.Result> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionTask.class);

    /** What a task did: its range, whether it ended done, its figures, and the attempt that did it. */
    record Result(int index, boolean done, long processed, long quarantined, long millis, int attempt, long heapMb)
            implements Serializable {
        String line() {
            return "partition " + (index + 1) + (done ? " done: " : " stopped: ") + processed + " read, "
                    + quarantined + " quarantined in " + millis + " ms (task attempt " + attempt + ", heap in use "
                    + heapMb + " MB)";
        }
    }

    private final String planFile;
    private final int batchSize;
    private final int partitions;

    private final int failAfterBatches;

    /** {@code failAfterBatches}: the drill — the first attempt of the first range fails after that many batches. */
    PartitionTask(String planFile, int batchSize, int partitions, int failAfterBatches) {
        this.planFile = planFile;
        this.batchSize = batchSize;
        this.partitions = partitions;
        this.failAfterBatches = failAfterBatches;
    }

    @Override
    public Result call(ShippedPartition range) throws Exception {
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 0 : task.attemptNumber();
        MigrationPlan plan = TaskDatabase.plan(planFile, batchSize, partitions);
        long start = System.nanoTime();
        try (MigrationEngine engine = TaskDatabase.connect()) {
            Partition mine = range.partition();
            RunControl control = new RunControl();
            Thread watch = watchForKill(task, control, mine);
            RunListener drill = failAfterBatches > 0 && attempt == 0 && mine.index() == 0
                    ? new FailingTask(failAfterBatches, mine) : RunListener.NONE;
            RunReport report = workWhenFree(engine, plan, mine, control, task, drill);
            watch.interrupt();
            long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            return new Result(mine.index(), report.state() == RunState.COMPLETED, report.processed(), report.quarantined(),
                    (System.nanoTime() - start) / 1_000_000, attempt, heap);
        }
    }

    /** Spark kills a task by flagging it (and interrupting it, mostly): the worker stops after its batch then. */
    private static Thread watchForKill(TaskContext task, RunControl control, Partition mine) {
        Thread watch = new Thread(() -> {
            try {
                while (task != null && !task.isInterrupted()) {
                    Thread.sleep(200);
                }
                if (task != null) {
                    control.cancel("Spark killed the task of " + mine.label());
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        }, "ferry-kill-watch-" + mine.index());
        watch.setDaemon(true);
        watch.start();
        return watch;
    }

    /** Works the range, waiting while a live earlier attempt (or a copy) holds its lease. */
    private static RunReport workWhenFree(MigrationEngine engine, MigrationPlan plan, Partition mine,
                                          RunControl control, TaskContext task, RunListener listener)
            throws InterruptedException {
        while (true) {
            try {
                return engine.runPartition(plan, mine, control, listener);
            } catch (PartitionBusyException busy) {
                if (task != null && task.isInterrupted()) {
                    throw busy;
                }
                LOG.info("{}: waiting for the lease: {}", mine.label(), busy.getMessage());
                Thread.sleep(1000);
            }
        }
    }
}
