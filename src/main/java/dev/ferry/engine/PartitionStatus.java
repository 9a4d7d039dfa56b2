package dev.ferry.engine;

import java.time.Instant;

/**
 * Where one key range of a partitioned run stands, for screens and {@code status}.
 *
 * @param state      {@code PENDING}, {@code RUNNING}, {@code DONE} or {@code STOPPED}
 * @param worker     the worker that works (or last worked) the range, or null before any claimed it
 * @param total      the range's records, -1 until a worker counted them
 * @param takeovers  how many times a worker took the range over from one that stopped
 */
public record PartitionStatus(int index, int count, String state, String worker, long processed, long total,
                              long quarantined, int takeovers, String message, Instant updatedAt) {

    /** "partition 2 of 4", for people. */
    public String label() {
        return "partition " + (index + 1) + " of " + count;
    }

    public boolean done() {
        return "DONE".equals(state);
    }
}
