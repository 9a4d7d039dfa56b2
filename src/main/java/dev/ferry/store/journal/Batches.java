package dev.ferry.store.journal;

import java.util.List;

/** One record per finished batch of a run. */
public interface Batches {

    /** Records a batch; replaying the batch after a crash replaces its record rather than adding another. */
    void record(BatchRecord batch);

    /** The run's batch records after batch {@code batch}, in batch order, at most {@code limit}. */
    default List<BatchRecord> after(String runId, long batch, int limit) {
        return between(runId, batch, Long.MAX_VALUE, limit);
    }

    /**
     * The run's batch records after batch {@code after} up to batch {@code upTo} (one partition's block of batch
     * numbers), in batch order, at most {@code limit}.
     */
    List<BatchRecord> between(String runId, long after, long upTo, int limit);
}
