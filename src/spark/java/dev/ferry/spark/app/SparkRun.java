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
 * A run's partitions as Spark tasks: the driver reads the run's key ranges (cut by the submitting command, with the
 * split points a local partitioned run uses), hands each range to one task and fails unless every range ended
 * done, so the submitting command completes the run only then. Arguments: partitions, batch size, run id.
 */
final class SparkRun {

    private static final Logger LOG = LoggerFactory.getLogger(SparkRun.class);

    private final JavaSparkContext sc;
    private final String planFile;
    private final int partitions;
    private final int batchSize;
    private final String runId;

    SparkRun(JavaSparkContext sc, String planFile, List<String> args) {
        this.sc = sc;
        this.planFile = planFile;
        this.partitions = Integer.parseInt(args.get(0));
        this.batchSize = Integer.parseInt(args.get(1));
        this.runId = args.get(2);
    }

    void execute() {
        MigrationPlan plan = TaskDatabase.plan(planFile, batchSize, partitions);
        List<Partition> ranges;
        try (MigrationEngine engine = TaskDatabase.connect()) {
            ranges = engine.partitions(plan, partitions);
        }
        if (!ranges.get(0).runId().equals(runId)) {
            throw new FerryException("Run " + runId + " is no longer the plan's unfinished run (" + ranges.get(0)
                    .runId() + " is); nothing was submitted. Run the command again.");
        }
        List<ShippedPartition> shipped = ranges.stream().map(ShippedPartition::of).toList();
        List<PartitionTask.Result> results = sc.parallelize(shipped, shipped.size())
                .map(new PartitionTask(planFile, batchSize, ranges.size(),
                        sc.getConf().getInt("spark.ferry.drill.failTaskAfterBatches", 0))).collect();
        results.forEach(r -> LOG.info("run {}: {}", runId, r.line()));
        List<PartitionTask.Result> unfinished = results.stream().filter(r -> !r.done()).toList();
        if (!unfinished.isEmpty()) {
            throw new FerryException("Run " + runId + " stopped before its end: " + unfinished.stream()
                    .map(PartitionTask.Result::line).toList() + ". Run the same command again to resume.");
        }
    }
}
