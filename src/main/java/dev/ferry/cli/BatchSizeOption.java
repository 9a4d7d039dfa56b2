package dev.ferry.cli;

import dev.ferry.plan.MigrationPlan;
import picocli.CommandLine.Option;

/** {@code --batch-size N}: overrides the plan's batch size for this invocation. */
final class BatchSizeOption {

    @Option(names = "--batch-size", paramLabel = "N", description = "records per batch (default: the plan's)")
    Integer size;

    MigrationPlan apply(MigrationPlan plan) {
        if (size == null) {
            return plan;
        }
        if (size < 1) {
            throw new CliUsageException("--batch-size must be at least 1, was " + size + ".");
        }
        return plan.withBatchSize(size);
    }
}
