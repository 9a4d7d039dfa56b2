package dev.ferry.engine.split.live;

import dev.ferry.engine.PartitionStatus;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.PartitionRecord;
import java.util.List;

/** A run's key ranges as the journal keeps them, as screens and {@code status} show them. */
public final class PartitionStatuses {

    private PartitionStatuses() {
    }

    /** The run's ranges by index; empty for a run in one piece (or a journal that cannot say). */
    public static List<PartitionStatus> of(Journal journal, String runId) {
        return journal.partitions().of(runId).stream().map(PartitionStatuses::status).toList();
    }

    static PartitionStatus status(PartitionRecord r) {
        long total = r.checkpoint().total() > 0 || r.done() ? r.checkpoint().total() : -1;
        return new PartitionStatus(r.index(), r.count(), r.state(), r.owner(), r.checkpoint().processed(), total,
                r.checkpoint().quarantined(), r.takeovers(), r.message(), r.updatedAt());
    }
}
