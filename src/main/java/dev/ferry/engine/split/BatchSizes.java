package dev.ferry.engine.split;

import dev.ferry.engine.split.live.Steering;
import dev.ferry.store.SourceReader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The batch size of a run worked by several readers at once (its partitions' workers): an operator's new size reaches
 * every reader open now, from its next page, and every reader opened later.
 */
final class BatchSizes {

    private final Set<SourceReader> open = new CopyOnWriteArraySet<>();
    private volatile int size;

    private BatchSizes(int size) {
        this.size = size;
    }

    /** The plan's size until the run's steering changes it. */
    static BatchSizes of(int planned, Steering steering) {
        if (steering == null) {
            return new BatchSizes(planned);
        }
        BatchSizes sizes = new BatchSizes(steering.batchSize());
        steering.onResize(sizes::resize);
        return sizes;
    }

    int size() {
        return size;
    }

    /** A reader opened at {@link #size()}: it follows changes until {@link #closed}. */
    void opened(SourceReader reader) {
        open.add(reader);
        reader.resize(size); // a change between reading the size and registering is not lost
    }

    void closed(SourceReader reader) {
        open.remove(reader);
    }

    private void resize(int n) {
        size = n;
        open.forEach(r -> r.resize(n));
    }
}
