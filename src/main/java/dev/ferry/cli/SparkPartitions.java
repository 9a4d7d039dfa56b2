package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.Partition;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.spark.SparkSettings;
import dev.ferry.spark.SparkSubmission;
import dev.ferry.spark.SparkVerb;
import java.nio.file.Path;
import java.util.List;

/**
 * A verb's partitions as Spark tasks, for the verbs that then finish the job here: the rollback undoes each range of
 * a partitioned run as one task, and this process's ordinary rollback verifies the targets and closes the run.
 */
final class SparkPartitions {

    private SparkPartitions() {
    }

    /** Undoes every range of {@code runId} on Spark; throws, leaving the rollback to be run again, unless all were. */
    static void undo(Verb verb, SparkOptions spark, DatabaseOptions database, Path planFile, MigrationEngine engine,
                     MigrationPlan plan, String runId) {
        List<Partition> ranges = engine.partitionsOf(plan, runId);
        if (ranges.isEmpty()) {
            verb.notes().println("Run " + runId + " ran in one piece: rolling it back here, not on Spark.");
            return;
        }
        SparkSettings settings = spark.settings(verb.terminal());
        verb.notes().println("Undoing run " + runId + "'s " + ranges.size() + " partitions as Spark tasks on "
                + settings.master());
        verb.notes().flush();
        SparkSubmission.Outcome outcome = new SparkSubmission(settings).run(SparkVerb.ROLLBACK, planFile,
                database.resolve(verb.terminal()), database.other(verb.terminal()), List.of(runId), line -> {
                    verb.notes().println(line);
                    verb.notes().flush();
                });
        if (!outcome.finished()) {
            throw new dev.ferry.FerryException("Spark application " + (outcome.appId() == null ? ""
                    : outcome.appId() + " ") + "ended " + outcome.state() + " before every partition of run " + runId
                    + " was undone; see " + outcome.log() + ". Run the same rollback again: it continues where it"
                    + " stopped.");
        }
    }
}
