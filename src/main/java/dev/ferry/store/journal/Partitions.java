package dev.ferry.store.journal;

import java.util.List;

/**
 * The key ranges of partitioned runs, one record each. A worker claims a range while it holds the range's lease
 * ({@link Leases}, named by {@link #leaseName}); its checkpoints and its end are fenced by its claim, so a worker that
 * stalled past its lease cannot write over the one that took its range over.
 */
public interface Partitions {

    /** Records a run's ranges; a range already recorded is left as it is (a second call changes nothing). */
    void plan(List<PartitionRecord> partitions);

    /** A run's ranges by index; empty for a run that is not partitioned. */
    List<PartitionRecord> of(String runId);

    /**
     * Makes {@code owner} the range's worker: running, not done, counting a takeover when another worker had it.
     * The caller holds the range's lease. False when the range is done.
     */
    boolean claim(String runId, int index, String owner);

    /** Saves the range's checkpoint; false when {@code owner} no longer has the range. */
    boolean checkpoint(String runId, int index, String owner, Checkpoint checkpoint);

    /** Ends the owner's work on the range: {@code DONE}, or {@code STOPPED} with why; false when it lost the range. */
    boolean finish(String runId, int index, String owner, String state, String message);

    /** The name of the lease a worker holds while it works a range. */
    static String leaseName(String plan, int index) {
        return plan + " [partition " + (index + 1) + "]";
    }
}
