package dev.ferry.spark.app;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.connect.Engines;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.MigrationPlans;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;

/** What every task opens: the database of the run (from the executor's environment) and the plan shipped with it. */
final class TaskDatabase {

    private TaskDatabase() {
    }

    static MigrationEngine connect() {
        String other = System.getenv(FerrySparkApp.OTHER_URI_ENV);
        return Engines.connect(System.getenv(FerrySparkApp.URI_ENV), other == null || other.isBlank() ? null : other);
    }

    /** The plan as the submitting command loaded it: the shipped file, with its batch size and partitions. */
    static MigrationPlan plan(String fileName, int batchSize, int partitions) {
        Path shipped = Path.of(SparkFiles.get(fileName));
        MigrationPlan plan = MigrationPlans.load(Files.exists(shipped) ? shipped : Path.of(fileName));
        if (batchSize > 0) {
            plan = plan.withBatchSize(batchSize);
        }
        return partitions > 1 ? plan.withPartitions(partitions) : plan;
    }
}
