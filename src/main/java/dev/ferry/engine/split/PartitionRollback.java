package dev.ferry.engine.split;

import dev.ferry.engine.Partition;
import dev.ferry.engine.PartitionBusyException;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunState;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.engine.runtime.LeaseKeeper;
import dev.ferry.engine.runtime.LeaseLostException;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.Lease;
import dev.ferry.store.journal.Partitions;
import dev.ferry.store.journal.UndoEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Undoes one range of a partitioned run, as a Spark task does: the undo entries in the range's own block of batch
 * numbers, newest first, each fenced by the range's lease. The run's rollback then finds them undone, verifies the
 * targets against their pre-run checksums and marks the run rolled back. Run again, it skips what is undone.
 */
final class PartitionRollback {

    private final PlanStores stores;
    private final Plan plan;
    private final Duration leaseTtl;
    private final Journal journal;

    PartitionRollback(PlanStores stores, Plan plan, Duration leaseTtl) {
        this.stores = stores;
        this.plan = plan;
        this.leaseTtl = leaseTtl;
        this.journal = stores.journal();
    }

    RollbackReport undo(Partition partition, RunListener listener) {
        Instant start = Instant.now();
        Identity me = Identity.current();
        String owner = me.owner("rollback-" + partition.runId()) + "/p" + partition.index();
        Lease lease = journal.leases().lease(Partitions.leaseName(plan.name(), partition.index()), owner, leaseTtl);
        lease.tryAcquire(partition.runId(), me.host(), me.operator()).ifPresent(holder -> {
            throw new PartitionBusyException("The " + partition.label() + " of run " + partition.runId() + " is held"
                    + " by " + holder.owner() + ", which is alive; nothing was undone.");
        });
        Map<String, Long> deleted = new LinkedHashMap<>();
        Map<String, Long> restored = new LinkedHashMap<>();
        try (LeaseKeeper keeper = new LeaseKeeper(lease, new RunControl());
             PlanStores.Writers writers = stores.writers(plan)) {
            journal.runs().startRollback(partition.runId(), owner);
            UndoApplier applier = new UndoApplier(writers, journal.undo());
            List<UndoEntry> entries = journal.undo().between(partition.runId(), partition.batchNumber(0),
                    partition.lastBatchNumber());
            long done = 0;
            for (UndoEntry entry : entries) {
                if (entry.undone()) {
                    continue;
                }
                if (!lease.heartbeat()) {
                    throw new LeaseLostException(plan.name(), partition.runId());
                }
                TargetWriter.Undone undone = applier.apply(entry);
                deleted.merge(entry.target(), undone.deleted(), Long::sum);
                restored.merge(entry.target(), undone.restored(), Long::sum);
                journal.undo().markUndone(entry);
                done += entry.inserted().size() + entry.replaced().size();
                listener.on(new RunEvent.UndoProgress(Instant.now(), partition.runId(), done, -1));
            }
        }
        return new RollbackReport(partition.runId(), plan.name(), RunState.ROLLING_BACK, deleted, restored, false,
                List.of(partition.label() + " undone; the run's rollback verifies the targets"),
                Duration.between(start, Instant.now()));
    }
}
