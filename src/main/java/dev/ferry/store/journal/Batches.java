package dev.ferry.store.journal;

import java.util.List;

/** One record per finished batch of a run. */
public interface Batches {

    /** Records a batch; replaying the batch after a crash replaces its record rather than adding another. */
    void record(BatchRecord batch);

    /** The run's batch records after batch {@code batch}, in batch order, at most {@code limit}. */
    List<BatchRecord> after(String runId, long batch, int limit);
}
