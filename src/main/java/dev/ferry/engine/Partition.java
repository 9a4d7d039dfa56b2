package dev.ferry.engine;

/**
 * One key range of a partitioned run: what a worker — a thread, a process, a Spark task — is given to work. Records
 * with a key after {@code after} (null: from the first) up to and including {@code upTo} (null: to the last), in the
 * source store's key order (keys of several types: one type after another).
 *
 * @param index from 0 to {@code count - 1}
 */
public record Partition(String runId, int index, int count, Object after, Object upTo) {

    /** Batch numbers of one partition lie in a block of their own: undo entries and batch records never collide. */
    public static final long BATCHES_PER_PARTITION = 1L << 32;

    public Partition {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("partition " + index + " of " + count);
        }
    }

    /** The run-wide number of this partition's batch {@code n} (1, 2, …). */
    public long batchNumber(long n) {
        return index * BATCHES_PER_PARTITION + n;
    }

    /** The last run-wide batch number this partition may use. */
    public long lastBatchNumber() {
        return (index + 1) * BATCHES_PER_PARTITION - 1;
    }

    /** "partition 2 of 4", for people. */
    public String label() {
        return "partition " + (index + 1) + " of " + count;
    }
}
