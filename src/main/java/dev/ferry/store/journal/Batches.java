package dev.ferry.store.journal;

/** One record per finished batch of a run. */
public interface Batches {

    /** Records a batch; replaying the batch after a crash replaces its record rather than adding another. */
    void record(BatchRecord batch);
}
