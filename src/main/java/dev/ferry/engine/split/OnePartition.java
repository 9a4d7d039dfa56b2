package dev.ferry.engine.split;

import dev.ferry.engine.Partition;
import dev.ferry.engine.PartitionBusyException;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.split.live.Steering;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.store.journal.Checkpoint;
import dev.ferry.store.journal.LeaseRecord;
import dev.ferry.store.journal.Partitions;
import dev.ferry.transform.RecordMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One partition worked on its own, as a worker process or a Spark task does: the partition's figures as its report.
 * The run itself is completed by its coordinator ({@code ferry run}), which sees every range done.
 */
final class OnePartition {

    private final PlanStores stores;
    private final Plan plan;
    private final RecordMapper mapper;
    private final Duration leaseTtl;
    private final Throttle throttle;

    OnePartition(PlanStores stores, Plan plan, RecordMapper mapper, Duration leaseTtl, Throttle throttle) {
        this.stores = stores;
        this.plan = plan;
        this.mapper = mapper;
        this.leaseTtl = leaseTtl;
        this.throttle = throttle;
    }

    /**
     * @param listener   told this partition's progress (its start, batches and end are the partition's, not the
     *                   run's: they are not journalled as the run's events)
     * @param journalled where what this worker changes for the whole run goes (settings an operator asked for)
     * @param steering   the run's requests, honoured by this worker as by every other worker of the run
     */
    RunReport work(Partition partition, RunControl control, RunListener listener, RunListener journalled,
                   Steering steering) {
        Instant start = Instant.now();
        Checkpoint[] last = {Checkpoint.START};
        listener.on(new RunEvent.Started(start, partition.runId(), plan.name(), -1, 0, true));
        throttle.forRun(partition.runId());
        BatchSizes sizes = BatchSizes.of(plan.batch().size(), steering);
        steering.open(partition.runId(), journalled);
        PartitionWorker.Outcome outcome = new PartitionWorker(stores, plan, mapper, leaseTtl, throttle, sizes)
                .work(partition, control, (p, checkpoint, batch) -> {
                    last[0] = checkpoint;
                    steering.poll(checkpoint.batch());
                    steering.throttle(batch.read(), checkpoint.batch());
                    double seconds = Math.max(batch.latency().toNanos() / 1e9, 1e-6);
                    listener.on(new RunEvent.BatchDone(Instant.now(), p.runId(), checkpoint.batch(),
                            checkpoint.processed(), checkpoint.total(), checkpoint.quarantined(),
                            checkpoint.written(), batch.read() / seconds,
                            batch.written().values().stream().mapToLong(Long::longValue).sum() / seconds,
                            batch.latency(), Duration.between(start, Instant.now()), null));
                });
        if (outcome == PartitionWorker.Outcome.BUSY) {
            String holder = stores.journal().leases().holder(Partitions.leaseName(plan.name(), partition.index()))
                    .map(LeaseRecord::owner).orElse("another worker");
            throw new PartitionBusyException("The " + partition.label() + " of run " + partition.runId() + " is being"
                    + " worked by " + holder + ", which is alive; nothing was done. A worker that stops loses it"
                    + " after one lease time (" + leaseTtl.toSeconds() + " s).");
        }
        RunState state = outcome == PartitionWorker.Outcome.DONE ? RunState.COMPLETED : control.stoppedState();
        String message = outcome == PartitionWorker.Outcome.DONE ? partition.label() + " done"
                : partition.label() + " stopped: " + control.reason();
        listener.on(new RunEvent.StateChanged(Instant.now(), partition.runId(), state, message));
        Checkpoint k = stores.journal().partitions().of(partition.runId()).stream()
                .filter(r -> r.index() == partition.index()).findFirst().map(r -> r.checkpoint()).orElse(last[0]);
        return new RunReport(partition.runId(), plan.name(), state, k.processed(), k.total(), k.quarantined(),
                Map.copyOf(k.written()), Duration.between(start, Instant.now()), true, message,
                stores.journal().quarantine().place());
    }
}
