package dev.ferry.spark.app;

import dev.ferry.engine.Partition;
import java.io.Serializable;

/**
 * A run's key range as Spark ships it to a task (a {@link Partition} is no {@link Serializable}): its bounds are the
 * keys themselves (numbers, text, ObjectIds, UUIDs, dates), all serializable.
 */
record ShippedPartition(String runId, int index, int count, Object after, Object upTo) implements Serializable {

    static ShippedPartition of(Partition p) {
        return new ShippedPartition(p.runId(), p.index(), p.count(), p.after(), p.upTo());
    }

    Partition partition() {
        return new Partition(runId, index, count, after, upTo);
    }
}
