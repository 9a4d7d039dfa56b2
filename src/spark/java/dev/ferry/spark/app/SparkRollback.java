package dev.ferry.spark.app;

import dev.ferry.FerryException;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.Partition;
import dev.ferry.plan.MigrationPlan;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partitioned run's rollback as Spark tasks: each range's undo entries, newest first, undone by one task under the
 * range's lease; the submitting command then verifies the targets and closes the run. Argument: the run id.
 */
final class SparkRollback {

    private static final Logger LOG = LoggerFactory.getLogger(SparkRollback.class);

    private final JavaSparkContext sc;
    private final String planFile;
    private final String runId;

    SparkRollback(JavaSparkContext sc, String planFile, List<String> args) {
        this.sc = sc;
        this.planFile = planFile;
        this.runId = args.get(0);
    }

    void execute() {
        MigrationPlan plan = TaskDatabase.plan(planFile, 0, 0);
        List<Partition> ranges;
        try (MigrationEngine engine = TaskDatabase.connect()) {
            ranges = engine.partitionsOf(plan, runId);
        }
        if (ranges.isEmpty()) {
            throw new FerryException("Run " + runId + " ran in one piece: it has no partitions to undo on Spark.");
        }
        List<ShippedPartition> shipped = ranges.stream().map(ShippedPartition::of).toList();
        List<String> results = sc.parallelize(shipped, shipped.size()).map(new RollbackTask(planFile)).collect();
        results.forEach(r -> LOG.info("run {}: {}", runId, r));
    }
}
