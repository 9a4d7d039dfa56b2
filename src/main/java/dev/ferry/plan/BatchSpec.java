package dev.ferry.plan;

/** How many source records one batch reads, maps and writes. */
public record BatchSpec(int size, int partitions) {
    public static final int DEFAULT_SIZE = 1000;

    /** How many key ranges a run may be cut into at most. */
    public static final int MAX_PARTITIONS = 64;

    public BatchSpec {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + size);
        }
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("partitions must be 1 to " + MAX_PARTITIONS + ", was " + partitions);
        }
    }

    /** Batches of {@code size}, the run in one piece. */
    public BatchSpec(int size) {
        this(size, 1);
    }
}
