package dev.ferry.plan;

/** How many source records one batch reads, maps and writes. */
public record BatchSpec(int size) {
    public static final int DEFAULT_SIZE = 1000;

    public BatchSpec {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + size);
        }
    }
}
