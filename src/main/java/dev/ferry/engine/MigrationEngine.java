package dev.ferry.engine;

import dev.ferry.plan.MigrationPlan;
import java.util.List;
import java.util.Optional;

/**
 * The verbs the console and the CLI run on one connected database, whatever its kind: each plan goes to the
 * {@link PlanEngine} of its kind, and every verb answers with the same records. A plan the database cannot run is
 * refused with a message that says which database it needs. Opened by {@code dev.ferry.engine.connect.Engines}.
 */
public interface MigrationEngine extends AutoCloseable {

    /** "MongoDB" or "PostgreSQL". */
    String kind();

    String databaseName();

    /** Counts, sizes and a field (column) inventory of every collection (table). Reads only. */
    AssessReport assess(int sampleSize);

    /** A few source records beside what the plan makes of them. Writes nothing. */
    PreviewReport preview(MigrationPlan plan, int samples);

    /** What a run would do, with the records at fault and what blocks the run. Writes nothing. */
    DryRunReport dryRun(MigrationPlan plan, RunListener listener);

    /** Runs the plan (or resumes its unfinished run) in committed, checkpointed batches. */
    RunReport run(MigrationPlan plan, RunControl control, RunListener listener);

    /** The key ranges of the plan's run in {@code count} partitions (its unfinished run's, or a new one's). */
    java.util.List<Partition> partitions(MigrationPlan plan, int count);

    /** Works exactly one partition of the plan's run, as a worker process does. */
    RunReport runPartition(MigrationPlan plan, Partition partition, RunControl control, RunListener listener);

    /** The key ranges run {@code runId} was worked in; empty for a run in one piece. */
    java.util.List<Partition> partitionsOf(MigrationPlan plan, String runId);

    /** Undoes one partition of a run, as a Spark task does; {@code rollback} then verifies and closes the run. */
    RollbackReport rollbackPartition(MigrationPlan plan, Partition partition, RunListener listener);

    ValidationReport validate(MigrationPlan plan);

    /** What rolling back {@code runId} (null: the newest run not rolled back) would undo. Reads only. */
    RollbackPreview rollbackPreview(MigrationPlan plan, String runId);

    RollbackReport rollback(MigrationPlan plan, String runId, RunListener listener);

    /**
     * What a repair of the plan's latest run would do: every source record (of {@code keys} when given, as the checks
     * print them) whose target is missing or differs from what the plan makes of it. Reads only.
     */
    RepairReport repairPreview(MigrationPlan plan, List<String> keys);

    /**
     * Re-applies the plan to the source records whose targets are missing or differ, with undo entries like any batch
     * of the run, then checks them again. A target changed by someone else since the run is repaired only when its
     * key is in {@code keys}; with keys, only those records are touched.
     */
    RepairReport repair(MigrationPlan plan, List<String> keys, RunListener listener);

    /**
     * The report of a run of the plan (its latest when {@code runId} is null): everything the journal holds about it.
     * Reads only.
     */
    EvidenceReport report(MigrationPlan plan, String runId);

    /** The latest dry run's estimate of the plan as it is now, for the announcement before a run; empty when none. */
    Optional<EvidenceReport.Estimate> latestEstimate(MigrationPlan plan);

    /** Keeps the SHA-256 of a report made of the run, so that a copy can be checked later ({@link #reportDigest}). */
    void reported(MigrationPlan plan, ReportDigest digest);

    /** The report with this SHA-256 (lower-case hex), if Ferry made it from this database's journal. */
    Optional<ReportDigest> reportDigest(String sha256);

    /** One source record, by its key as the checks print it, beside what the plan makes of it and what is stored. */
    RecordComparison compare(MigrationPlan plan, String sourceKey);

    /**
     * Runs one of the runbook operations the plan's kind lists ({@code PlanKind.operations()}) by name, as the
     * runbook describes it; the CLI's {@code ferry pg op}. A kind without operations refuses, saying which verb to use.
     */
    OperationReport operate(MigrationPlan plan, OperationRequest request, RunControl control, RunListener listener);

    /**
     * What {@code operation} would destroy, said so a person can confirm it by typing the plan's name; empty when it
     * needs no confirmation (it reads only, or can be undone). Reads only.
     */
    Optional<String> confirmation(MigrationPlan plan, String operation);

    /**
     * Follows a run through the journal, wherever its worker runs: replays what it journalled from its first batch as
     * the same {@link RunEvent}s a run emits (on a thread of the watch, at least twice a second), then goes on live
     * until closed. {@code runId} null follows the plan's latest run, and the next one when another starts. A worker
     * that stops heartbeating is reported once ({@link RunEvent.WorkerGone}).
     */
    RunWatch watch(MigrationPlan plan, String runId, RunListener listener);

    /**
     * Asks a run (the plan's latest when {@code runId} is null) to pause, resume, cancel or change its settings, by
     * writing the request to the journal with who asked and from where; its worker honours it at its next batch.
     * Refused, saying why and what to do, when nothing would honour it (the run's worker is gone, it is not running).
     * A resume request only records who resumed: the caller starts the worker.
     */
    RequestOutcome request(MigrationPlan plan, String runId, RunRequest request);

    /** Every run of {@code plan} (every plan when null), newest first; a run whose process died shows interrupted. */
    List<RunSummary> history(String plan);

    @Override
    void close();
}
