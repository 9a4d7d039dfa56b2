package dev.ferry.store.journal;

/** One record per finished batch of a run. */
public interface Batches {

    /** Records a batch; replaying the batch after a crash replaces its record rather than adding another. */
    void record(BatchRecord batch);

    /** A run's batch records, first batch first (what its report charts). */
    java.util.List<BatchRecord> of(String runId);
}
