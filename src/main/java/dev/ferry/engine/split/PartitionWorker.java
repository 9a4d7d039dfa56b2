package dev.ferry.engine.split;

import dev.ferry.FerryException;
import dev.ferry.engine.Partition;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.engine.runtime.LeaseKeeper;
import dev.ferry.engine.runtime.LeaseLostException;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.store.SourceReader;
import dev.ferry.store.journal.BatchRecord;
import dev.ferry.store.journal.Checkpoint;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.Lease;
import dev.ferry.store.journal.PartitionRecord;
import dev.ferry.store.journal.Partitions;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.store.journal.UndoEntry;
import dev.ferry.transform.RecordMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works one partition of a run — all a thread, a worker process or a Spark task needs is the {@link Partition}: takes
 * the range's lease (a live holder keeps it: {@link Outcome#BUSY}), claims the range, reverts what an earlier worker
 * wrote after the range's checkpoint, then reads, maps and writes its batches with their undo entries, checkpointing
 * the range after each. Every target write is fenced by the range's lease, every checkpoint by the claim.
 */
final class PartitionWorker {

    /** How a worker's turn on a range ended. */
    enum Outcome { DONE, BUSY, STOPPED }

    /** Told after each batch of the range: its new checkpoint and what the batch did. */
    interface Progress {
        void batchDone(Partition partition, Checkpoint checkpoint, Batch batch);
    }

    /** What one batch of a range did. */
    record Batch(long read, long quarantined, Map<String, Long> written, Duration latency, Duration readWait) { }

    private static final Logger LOG = LoggerFactory.getLogger(PartitionWorker.class);

    private final PlanStores stores;
    private final Plan plan;
    private final RecordMapper mapper;
    private final Duration leaseTtl;
    private final Throttle throttle;
    private final BatchSizes sizes;
    private final Journal journal;
    private final Identity me = Identity.current();

    /** @param sizes the run's batch size now (an operator may change it while the run works) */
    PartitionWorker(PlanStores stores, Plan plan, RecordMapper mapper, Duration leaseTtl, Throttle throttle,
                    BatchSizes sizes) {
        this.sizes = sizes;
        this.stores = stores;
        this.plan = plan;
        this.mapper = mapper;
        this.leaseTtl = leaseTtl;
        this.throttle = throttle;
        this.journal = stores.journal();
    }

    Outcome work(Partition partition, RunControl control, Progress progress) {
        String owner = me.owner(partition.runId()) + "/p" + partition.index();
        Lease lease = journal.leases().lease(Partitions.leaseName(plan.name(), partition.index()), owner, leaseTtl);
        if (lease.tryAcquire(partition.runId(), me.host(), me.operator()).isPresent()) {
            return Outcome.BUSY;
        }
        RunControl mine = control.attempt();
        try (LeaseKeeper keeper = new LeaseKeeper(lease, mine); PlanStores.Writers writers = stores.writers(plan)) {
            PartitionRecord record = journal.partitions().of(partition.runId()).stream()
                    .filter(p -> p.index() == partition.index()).findFirst()
                    .orElseThrow(() -> new FerryException("Run " + partition.runId() + " has no "
                            + partition.label() + " in its journal; plan the run's partitions first."));
            if (record.done() || !journal.partitions().claim(partition.runId(), partition.index(), owner)) {
                return Outcome.DONE;
            }
            RunRecord run = journal.runs().find(partition.runId()).orElseThrow();
            revertTail(partition, record.checkpoint().batch(), writers);
            if (record.takeovers() > 0 || (record.owner() != null && !"PENDING".equals(record.state()))) {
                LOG.info("run {}: {} continued from its batch {} (earlier worker {})", partition.runId(),
                        partition.label(), record.checkpoint().batch(), record.owner());
            }
            return loop(partition, record.checkpoint(), run, owner, lease, writers, mine, progress);
        }
    }

    private Outcome loop(Partition partition, Checkpoint from, RunRecord run, String owner, Lease lease,
                         PlanStores.Writers writers, RunControl control, Progress progress) {
        String runId = partition.runId();
        Object start = from.lastKey() != null ? from.lastKey() : partition.after();
        PhaseTimes times = new PhaseTimes();
        Instant began = Instant.now();
        SourceReader opened = null;
        try (SourceReader reader = stores.reader(plan, start, sizes.size())) {
            opened = reader;
            sizes.opened(reader);
            reader.limitTo(partition.upTo());
            long total = reader.count(partition.after(), partition.upTo());
            Checkpoint k = new Checkpoint(from.batch(), from.lastKey(), from.processed(), from.quarantined(), total,
                    from.written(), from.sourceSum(), from.elapsedMs());
            // a target key is written by one source record per run, whichever range reads it
            TargetKeyClaims claims = TargetKeyClaims.inJournalShared(plan, journal.targetKeys(), runId);
            try (BatchPipeline pipeline = new BatchPipeline(reader, writers, plan, mapper);
                 TargetBatchWrite write = new TargetBatchWrite(journal, plan, writers, owner, emptyAtStart(run))) {
                while (true) {
                    if (control.requested() != RunControl.Request.NONE) {
                        stop(partition, owner, control.reason());
                        return Outcome.STOPPED;
                    }
                    Instant t0 = Instant.now();
                    BatchPipeline.Prepared batch = pipeline.take();
                    Duration readWait = Duration.between(t0, Instant.now());
                    if (batch.isEmpty()) {
                        if (!journal.partitions().finish(runId, partition.index(), owner, "DONE", "")) {
                            throw new LeaseLostException(plan.name(), runId);
                        }
                        return Outcome.DONE;
                    }
                    long number = k.batch() + 1;
                    long runWide = partition.batchNumber(number);
                    try (PhaseTimes.Lap lap = times.time("target keys")) {
                        batch = claims.settle(runWide, batch);
                    }
                    Map<String, Long> written = write.write(runId, runWide, batch, () -> {
                        if (!lease.heartbeat()) {
                            throw new LeaseLostException(plan.name(), runId);
                        }
                    }, times);
                    Map<String, Long> sums = new LinkedHashMap<>(k.written());
                    written.forEach((t, n) -> sums.merge(t, n, Long::sum));
                    k = new Checkpoint(number, batch.lastKey(plan.source().key()),
                            k.processed() + batch.sources().size(), k.quarantined() + batch.quarantined().size(),
                            total, sums, k.sourceSum().plus(batch.sourceSum()),
                            from.elapsedMs() + Duration.between(began, Instant.now()).toMillis());
                    Duration latency = Duration.between(t0, Instant.now());
                    // the range's own totals: a watch sums the latest of each range as the run's
                    journal.batches().record(new BatchRecord(runId, runWide, Instant.now(), batch.sources().size(),
                            batch.quarantined().size(), latency.toMillis(), written, readWait.toMillis(),
                            k.elapsedMs(), new BatchRecord.Totals(k.processed(), total, k.quarantined(), sums)));
                    if (!journal.partitions().checkpoint(runId, partition.index(), owner, k)) {
                        throw new LeaseLostException(plan.name(), runId);
                    }
                    progress.batchDone(partition, k, new Batch(batch.sources().size(), batch.quarantined().size(),
                            written, latency, readWait));
                    throttle.afterBatch(control);
                }
            }
        } catch (LeaseLostException e) {
            throw e;
        } catch (RuntimeException e) {
            try {
                journal.partitions().finish(runId, partition.index(), owner, "STOPPED",
                        "stopped by an error: " + dev.ferry.store.Secrets.redact(String.valueOf(e.getMessage())));
            } catch (RuntimeException journalDown) {
                e.addSuppressed(journalDown);
            }
            throw e;
        } finally {
            if (opened != null) {
                sizes.closed(opened);
            }
        }
    }

    private void stop(Partition partition, String owner, String reason) {
        if (!journal.partitions().finish(partition.runId(), partition.index(), owner, "STOPPED", reason)) {
            throw new LeaseLostException(plan.name(), partition.runId());
        }
    }

    /** Undoes the range's batches after its checkpoint (a worker stopped between a write and its checkpoint). */
    private void revertTail(Partition partition, long checkpoint, PlanStores.Writers writers) {
        UndoApplier applier = new UndoApplier(writers, journal.undo());
        long from = partition.batchNumber(checkpoint);
        for (UndoEntry entry : journal.undo().between(partition.runId(), from, partition.lastBatchNumber())) {
            if (!entry.undone()) {
                applier.apply(entry);
                journal.undo().markUndone(entry);
            }
        }
        journal.discardBetween(partition.runId(), from, partition.lastBatchNumber());
    }

    private static Set<String> emptyAtStart(RunRecord run) {
        Set<String> empty = new HashSet<>();
        run.preRun().forEach((t, sum) -> {
            if (sum.count() == 0) {
                empty.add(t);
            }
        });
        return empty;
    }
}
