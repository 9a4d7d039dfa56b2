package dev.ferry.engine;

import dev.ferry.FerryException;
import dev.ferry.plan.MigrationPlan;
import java.util.Optional;

/**
 * The verbs of one kind of plan on one database: a split, a uuid key conversion, a column backfill. A database's
 * {@link MigrationEngine} hands each plan to the engine of its kind; every engine answers with the same records, so
 * the console and the CLI show all kinds alike.
 *
 * @param <P> the plans this engine runs
 */
public interface PlanEngine<P extends MigrationPlan> {

    /** The plan class this engine runs. */
    Class<P> plans();

    /** A few source records beside what the plan makes of them. Writes nothing. */
    PreviewReport preview(P plan, int samples);

    /** What a run would do, with the records at fault and what blocks the run. Writes nothing. */
    DryRunReport dryRun(P plan, RunListener listener);

    /** Runs the plan (or resumes its unfinished run) in committed, checkpointed batches. */
    RunReport run(P plan, RunControl control, RunListener listener);

    ValidationReport validate(P plan);

    /** What rolling back {@code runId} (null: the newest run not rolled back) would undo. Reads only. */
    RollbackPreview rollbackPreview(P plan, String runId);

    RollbackReport rollback(P plan, String runId, RunListener listener);

    /** One of the runbook operations the kind lists, by name; a kind that lists none refuses. */
    default OperationReport operate(P plan, OperationRequest request, RunControl control, RunListener listener) {
        throw FerryException.usage("Plan " + plan.name() + " is a " + plan.kind().label() + " plan: it has no runbook"
                + " operations to run by name. Run it with `ferry run`, or check `kind:` in " + plan.file() + ".");
    }

    /** What the operation would destroy, for a person to confirm by typing the plan's name; empty when nothing. */
    default Optional<String> confirmation(P plan, String operation) {
        return Optional.empty();
    }

    /** What a repair of the plan's latest run would do. Reads only. */
    default RepairReport repairPreview(P plan, java.util.List<String> keys) {
        throw repairRefused(plan);
    }

    /** Re-applies the plan to the records whose targets are missing or differ; see {@link MigrationEngine#repair}. */
    default RepairReport repair(P plan, java.util.List<String> keys, RunListener listener) {
        throw repairRefused(plan);
    }

    private FerryException repairRefused(P plan) {
        return FerryException.usage("Plan " + plan.name() + " is a " + plan.kind().label() + " plan: its runs are"
                + " repaired by rolling back and running again, not record by record.");
    }

    /** The report of a run of the plan; see {@link MigrationEngine#report}. */
    default EvidenceReport report(P plan, String runId) {
        throw FerryException.usage("Plan " + plan.name() + " is a " + plan.kind().label() + " plan: its runs have no"
                + " report yet; ferry history and the runbook's own checks say what they did.");
    }

    /** The latest dry run's estimate of the plan as it is now; empty when none. */
    default Optional<EvidenceReport.Estimate> latestEstimate(P plan) {
        return Optional.empty();
    }

    /** Keeps a report's SHA-256 in the journal of its run. */
    default void reported(P plan, ReportDigest digest) {
        throw FerryException.usage("Plan " + plan.name() + " is a " + plan.kind().label() + " plan: its runs have no"
                + " report yet.");
    }

    /** The report with this SHA-256, from the journal this engine keeps; empty when it has none. */
    default Optional<ReportDigest> reportDigest(String sha256) {
        return Optional.empty();
    }

    /** Follows a run through the journal; a kind whose runs are not journalled that way refuses. */
    default RunWatch watch(P plan, String runId, RunListener listener) {
        throw new FerryException("Runs of a " + plan.kind().label() + " plan are not kept in Ferry's run journal:"
                + " they can be watched only from the console or terminal that runs them.");
    }

    /** Writes a request to a run to the journal; a kind whose runs are not steered that way refuses. */
    default RequestOutcome request(P plan, String runId, RunRequest request) {
        throw FerryException.usage("Runs of a " + plan.kind().label() + " plan are steered from the console or terminal"
                + " that runs them (pause, Ctrl-C), not through the journal.");
    }

    /**
     * The key ranges of the plan's run in {@code count} partitions: its unfinished run's (whatever {@code count}), or a
     * new run's, recorded but not worked. What a coordinator hands to worker processes or Spark tasks.
     */
    default java.util.List<Partition> partitions(P plan, int count) {
        throw FerryException.usage("A " + plan.kind().label() + " plan runs in one piece: it has no partitions.");
    }

    /** Works exactly one partition of the plan's run (its worker's verb); its figures as the report. */
    default RunReport runPartition(P plan, Partition partition, RunControl control, RunListener listener) {
        throw FerryException.usage("A " + plan.kind().label() + " plan runs in one piece: it has no partitions.");
    }

    /** The key ranges run {@code runId} was worked in, from its journal; empty for a run in one piece. Reads only. */
    default java.util.List<Partition> partitionsOf(P plan, String runId) {
        return java.util.List.of();
    }

    /**
     * Undoes one partition of a run (its worker's verb for rollback: the range's undo entries, newest first, under
     * the range's lease); {@link #rollback} then verifies and closes the run.
     */
    default RollbackReport rollbackPartition(P plan, Partition partition, RunListener listener) {
        throw FerryException.usage("A " + plan.kind().label() + " plan runs in one piece: it has no partitions.");
    }

    /** One source record, by its key as the checks print it, beside what the plan makes of it and what is stored. */
    default RecordComparison compare(P plan, String sourceKey) {
        throw new FerryException("Plan " + plan.name() + " is a " + plan.kind().label() + ": its checks have no"
                + " record-by-record evidence to open.");
    }
}
