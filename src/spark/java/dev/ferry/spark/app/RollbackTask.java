package dev.ferry.spark.app;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.Partition;
import dev.ferry.engine.PartitionBusyException;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunListener;
import dev.ferry.plan.MigrationPlan;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spark task of a rollback: undoes one range of the run. A retry skips the entries already undone; while a live
 * worker holds the range's lease, it waits.
 */
final class RollbackTask implements Function<ShippedPartition, String> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RollbackTask.class);

    private final String planFile;

    RollbackTask(String planFile) {
        this.planFile = planFile;
    }

    @Override
    public String call(ShippedPartition range) throws Exception {
        TaskContext task = TaskContext.get();
        MigrationPlan plan = TaskDatabase.plan(planFile, 0, 0);
        Partition mine = range.partition();
        long start = System.nanoTime();
        try (MigrationEngine engine = TaskDatabase.connect()) {
            while (true) {
                try {
                    RollbackReport undone = engine.rollbackPartition(plan, mine, RunListener.NONE);
                    return mine.label() + " undone: deleted " + undone.deleted() + ", restored " + undone.restored()
                            + " in " + (System.nanoTime() - start) / 1_000_000 + " ms (task attempt "
                            + (task == null ? 0 : task.attemptNumber()) + ")";
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
}
