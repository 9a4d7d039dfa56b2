package dev.ferry.store.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The runs of a journal, one record each. Writes that a run makes while it works are fenced by its owner (the lease
 * owner that opened it): they return false once another process has taken the run over, and the caller stops.
 * States are the engine's run states by name ({@code RUNNING}, {@code PAUSED}, … {@code ROLLED_BACK}).
 */
public interface Runs {

    /** Where runs are kept, for people: {@code ferry_runs}, {@code ferry.runs}. */
    String place();

    void insert(RunRecord run);

    Optional<RunRecord> find(String runId);

    /** The most recently started run of a plan. */
    Optional<RunRecord> latest(String plan);

    /** Runs newest first: of one plan, or of every plan when {@code plan} is null; at most {@code limit}. */
    List<RunRecord> newestFirst(String plan, int limit);

    /** Takes a run over for {@code owner}, who holds the plan's lease: running again, not ended, with a message. */
    void resume(String runId, String owner, String message);

    /** Replaces the run's message (what it is doing, for status). */
    void note(String runId, String message);

    /** Saves the checkpoint of the batch just done, in one atomic write; false when {@code owner} lost the run. */
    boolean checkpoint(String runId, String owner, Checkpoint checkpoint);

    /**
     * Sets the run's state and message; {@code endedAt} (null: left as it is) for a run that completed or failed.
     * False when {@code owner} lost the run.
     */
    boolean changeState(String runId, String owner, String state, String message, Instant endedAt);

    /**
     * Journals a run that stopped waiting for its database as paused, with the reason, unless it moved on meanwhile:
     * only while it is running or interrupted and its owner is one of {@code owners} (this process's attempts).
     */
    boolean markPaused(String runId, List<String> owners, String message);

    /** A rollback takes the run over: rolling back, owned by the rollback's lease owner. */
    void startRollback(String runId, String owner);

    /** The rollback finished: rolled back, with its verification. */
    void rolledBack(String runId, String message, boolean verified, Instant at);

    /** Keeps the run's latest validation verdict, replacing an earlier one; the run's own times stay as they are. */
    void recordVerdict(String runId, VerdictRecord verdict);
}
