package dev.ferry.cli;

import dev.ferry.plan.BatchSpec;
import dev.ferry.plan.MigrationPlan;
import picocli.CommandLine.Option;

/** {@code --partitions N}: runs a split plan in N key ranges at once, overriding the plan's {@code partitions}. */
final class PartitionsOption {

    @Option(names = "--partitions", paramLabel = "N",
            description = "key ranges worked at once by as many workers (default: the plan's, else 1)")
    Integer partitions;

    MigrationPlan apply(MigrationPlan plan) {
        if (partitions == null) {
            return plan;
        }
        if (partitions < 1 || partitions > BatchSpec.MAX_PARTITIONS) {
            throw new CliUsageException("--partitions must be 1 to " + BatchSpec.MAX_PARTITIONS + ", was "
                    + partitions + ".");
        }
        return plan.withPartitions(partitions);
    }
}
