package dev.ferry.engine.split;

import dev.ferry.engine.split.create.TargetCreation;
import dev.ferry.engine.split.stores.PlanStores;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.engine.runtime.LeaseKeeper;
import dev.ferry.engine.runtime.LeaseLostException;
import dev.ferry.engine.split.live.Steering;
import dev.ferry.engine.runtime.LeaseTaking;

import dev.ferry.FerryException;
import dev.ferry.plan.Guardrails.BreachAction;
import dev.ferry.plan.Plan;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.Secrets;
import dev.ferry.store.SourceReader;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.journal.BatchRecord;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.Lease;
import dev.ferry.store.journal.UndoEntry;
import dev.ferry.transform.RecordMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a plan: keyset batches from the source, mapped, written idempotently with their undo entries,
 * checkpointed after each batch, under a lease, watched by guardrails. Continues the plan's unfinished run if
 * there is one. Every journal write is fenced by the lease: a process that lost it stops without writing more.
 */
final class MigrationRun {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRun.class);

    private final PlanStores stores;
    private final Plan plan;
    private final RecordMapper mapper;
    private final RunControl control;
    private final RunListener listener;
    private final Duration leaseTtl;
    private final Steering steering;
    private final Journal journal;
    private final Identity me = Identity.current();
    private String owner;
    private final TargetCreation creation;
    private ExecutorService targetWriters;
    private java.util.Set<String> emptyAtStart = java.util.Set.of();
    /** Lease owners of this process's earlier attempts at the run, which have stopped (see {@link #after}). */
    private java.util.Set<String> ownEarlierOwners = java.util.Set.of();
    private Throttle throttle = Throttle.none();

    /** @param steering operators' requests from the journal, and the batch size and rate they set */
    MigrationRun(PlanStores stores, Plan plan, RecordMapper mapper, RunControl control, RunListener listener,
                 Duration leaseTtl, Steering steering) {
        this.steering = steering;
        this.stores = stores;
        this.plan = plan;
        this.mapper = mapper;
        this.control = control;
        this.listener = listener;
        this.leaseTtl = leaseTtl;
        this.journal = stores.journal();
        this.creation = new TargetCreation(stores, plan, mapper);
    }

    /**
     * This attempt follows earlier attempts of this same process that stopped when the database went away: their
     * leases (which they could not release then) are given up now, and the run is taken over from them without the
     * one lease time of waiting that a run left by another, perhaps stalled, process needs.
     */
    MigrationRun after(java.util.List<String> earlierOwners) {
        ownEarlierOwners = java.util.Set.copyOf(earlierOwners);
        return this;
    }

    /** Slows the run between batches while its target is under pressure (the plan's guardrails.throttle). */
    MigrationRun throttledBy(Throttle throttle) {
        this.throttle = throttle;
        return this;
    }

    /** The lease owner this run's journal entry names, once {@link #execute()} started; else null. */
    String owner() {
        return owner;
    }

    RunReport execute() {
        owner = me.owner(plan.name());
        ownEarlierOwners.forEach(earlier -> journal.leases().releaseHeldBy(plan.name(), earlier));
        Lease lease = journal.leases().lease(plan.name(), owner, leaseTtl);
        LeaseTaking.Taken taken = LeaseTaking.take(journal.leases(), lease, plan.name(), null, me);
        PhaseTimes times = new PhaseTimes();
        try (LeaseKeeper keeper = new LeaseKeeper(lease, control);
             PlanStores.Writers writers = stores.writers(plan)) {
            RunOpening.Opened opened;
            try (PhaseTimes.Lap lap = times.time("opening")) {
                opened = new RunOpening(stores, writers, plan, leaseTtl, listener, creation).open(owner, me, stopped(taken));
            }
            lease.describe(opened.runId());
            throttle.forRun(opened.runId());
            if (!taken.note().isEmpty()) {
                listener.on(new RunEvent.StateChanged(Instant.now(), opened.runId(), RunState.RUNNING, taken.note()));
            }
            try (SourceReader reader = stores.reader(plan, opened.progress().lastKey, steering.batchSize())) {
                steering.onResize(reader::resize);
                try (PhaseTimes.Lap lap = times.time("counting")) {
                    opened.progress().total = reader.count();
                }
                targetWriters = Executors.newFixedThreadPool(targetWriters(plan.targets().size()), r -> {
                    Thread t = new Thread(r, "ferry-target-writer");
                    t.setDaemon(true);
                    return t;
                });
                try (BatchPipeline pipeline = new BatchPipeline(reader, writers, plan, mapper)) {
                    emptyAtStart = opened.emptyAtStart();
                    return loop(opened.runId(), opened.progress(), opened.resumed(), lease, pipeline, times, writers);
                } finally {
                    targetWriters.shutdown();
                    awaitQuietly(targetWriters);
                }
            }
        } catch (FerryException e) {
            throw e;
        } catch (RuntimeException e) { // opening, counting, reading: the batch loop wraps its own errors
            throw new FerryException("Run of " + plan.name() + " could not go on: "
                    + Secrets.redact(String.valueOf(e.getMessage())) + ". Its journal keeps the last checkpoint:"
                    + " remove the cause and run the plan again to resume, or roll it back.", e);
        }
    }

    /** Owners whose processes cannot write any more: this process's earlier attempts, a holder found dead. */
    private java.util.Set<String> stopped(LeaseTaking.Taken taken) {
        java.util.Set<String> stopped = new java.util.HashSet<>(ownEarlierOwners);
        if (taken.previousGone()) {
            stopped.add(taken.previous().owner());
        }
        return stopped;
    }

    private RunReport loop(String runId, RunProgress p, boolean resumed, Lease lease, BatchPipeline pipeline,
                           PhaseTimes times, PlanStores.Writers writers) {
        GuardrailWatch guard = new GuardrailWatch(plan.guardrails(), dryRunEstimate(),
                p.total <= 0 ? 1 : Math.max(0, p.total - p.processed) / (double) p.total);
        Instant start = Instant.now();
        long sessionStartProcessed = p.processed;
        long sessionStartQuarantined = p.quarantined;
        TargetKeyClaims claims = TargetKeyClaims.inJournal(plan, journal.targetKeys(), runId);
        listener.on(new RunEvent.Started(start, runId, plan.name(), p.total, p.processed, resumed, p.quarantined));
        steering.open(runId, listener);
        LOG.info("run {} of plan {} {} at batch {} ({} of {} processed)", runId, plan.name(),
                resumed ? "resumed" : "started", p.batch, p.processed, p.total);
        double rate = 0;
        long loopStart = System.nanoTime();
        RunState end;
        String message = "";
        boolean rollBackNow = false;
        try {
            while (true) {
                steering.poll(p.batch);
                RunControl.Request request = control.requested();
                if (request != RunControl.Request.NONE) {
                    end = request == RunControl.Request.PAUSE ? RunState.PAUSED : RunState.CANCELLED;
                    message = control.reason();
                    break;
                }
                Instant t0 = Instant.now();
                BatchPipeline.Prepared batch;
                try (PhaseTimes.Lap lap = times.time("waiting for reads")) {
                    batch = pipeline.take();
                }
                Duration readWait = Duration.between(t0, Instant.now());
                if (batch.isEmpty()) {
                    creation.createIndexes(runId, owner); // after the data, as runbook 000 builds them
                    end = RunState.COMPLETED;
                    break;
                }
                long number = p.batch + 1;
                try (PhaseTimes.Lap lap = times.time("target keys")) {
                    batch = claims.settle(number, batch);
                }
                // fencing: no target write without holding the lease at that moment
                Map<String, Long> written = write(runId, number, batch, writers, times, () -> {
                    if (!lease.heartbeat()) {
                        throw new LeaseLostException(plan.name(), runId);
                    }
                });
                p.batch = number;
                p.lastKey = batch.lastKey(plan.source().key());
                p.processed += batch.sources().size();
                p.quarantined += batch.quarantined().size();
                written.forEach((t, n) -> p.written.merge(t, n, Long::sum));
                p.sourceSum = p.sourceSum.plus(batch.sourceSum());
                Duration elapsed = Duration.between(start, Instant.now());
                Duration latency = Duration.between(t0, Instant.now());
                try (PhaseTimes.Lap lap = times.time("checkpoints")) {
                    journal.batches().record(new BatchRecord(runId, p.batch, Instant.now(), batch.sources().size(),
                            batch.quarantined().size(), latency.toMillis(), written, readWait.toMillis(),
                            elapsed.toMillis() + p.priorElapsedMs, new BatchRecord.Totals(p.processed, p.total,
                            p.quarantined, p.written)));
                    if (!journal.runs().checkpoint(runId, owner, p.checkpoint(elapsed))) {
                        throw new LeaseLostException(plan.name(), runId);
                    }
                }
                double batchRate = batch.sources().size() / Math.max(latency.toNanos() / 1e9, 1e-6);
                rate = rate == 0 ? batchRate : 0.7 * rate + 0.3 * batchRate;
                long writtenNow = written.values().stream().mapToLong(Long::longValue).sum();
                Duration eta = Duration.ofMillis((long) (Math.max(0, p.total - p.processed) / rate * 1000));
                double targetBusy = latency.isZero() ? Double.NaN
                        : Math.max(0, Math.min(1, 1 - (double) readWait.toNanos() / latency.toNanos()));
                listener.on(new RunEvent.BatchDone(Instant.now(), runId, p.batch, p.processed, p.total,
                        p.quarantined, p.written, batchRate, writtenNow / Math.max(latency.toNanos() / 1e9, 1e-6),
                        latency, elapsed.plusMillis(p.priorElapsedMs), eta, targetBusy));
                batch.quarantined().forEach(q -> listener.on(new RunEvent.Quarantined(Instant.now(), runId,
                        SourceKeys.render(q.key()), q.reason())));
                Optional<GuardrailWatch.Breach> breach = guard.check(p.processed - sessionStartProcessed,
                        p.quarantined - sessionStartQuarantined, rate, elapsed);
                if (breach.isEmpty()) {
                    steering.throttle(batch.sources().size(), p.batch);
                }
                if (breach.isPresent()) {
                    BreachAction action = plan.guardrails().onBreach();
                    GuardrailWatch.Breach b = breach.get();
                    listener.on(new RunEvent.GuardrailBreached(Instant.now(), runId, b.guardrail(), b.observed(),
                            b.limit(), action.name().toLowerCase()));
                    message = "guardrail " + b.guardrail() + ": " + b.description() + " — run "
                            + (action == BreachAction.PAUSE ? "paused" : action == BreachAction.HALT ? "halted"
                            : "halted and rolled back");
                    end = action == BreachAction.PAUSE ? RunState.PAUSED : RunState.FAILED;
                    rollBackNow = action == BreachAction.ROLLBACK;
                    break;
                }
                throttle.afterBatch(control);
            }
        } catch (LeaseLostException e) {
            listener.on(new RunEvent.StateChanged(Instant.now(), runId, RunState.INTERRUPTED, e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            String reason = Secrets.redact(String.valueOf(e.getMessage()));
            try {
                finish(runId, RunState.INTERRUPTED, "stopped by an error after batch " + p.batch + ": " + reason);
            } catch (RuntimeException journalDown) {
                e.addSuppressed(journalDown);
            }
            listener.on(new RunEvent.StateChanged(Instant.now(), runId, RunState.INTERRUPTED, reason));
            throw new FerryException("Run " + runId + " of " + plan.name() + " stopped after batch " + p.batch
                    + " (" + p.processed + " records checkpointed): " + reason
                    + ". Nothing is lost: run the plan again to resume from the last checkpoint, or roll it back.", e);
        }
        finish(runId, end, message);
        if (end == RunState.COMPLETED) {
            // the checksums after are part of the run the operator waits for: timed with it, as the run's report is
            Map<String, dev.ferry.store.DocumentChecksum.Sum> after = checksums(writers);
            new RunForecasts(journal).completed(runId, plan, p.processed,
                    Duration.between(start, Instant.now()).plusMillis(p.priorElapsedMs), after);
        }
        LOG.info("run {}: batch loop {} s; time per phase (target writes run in parallel and add up): {}", runId,
                String.format("%.2f", (System.nanoTime() - loopStart) / 1e9), times);
        listener.on(new RunEvent.StateChanged(Instant.now(), runId, end, message));
        if (rollBackNow) { // outside the batch loop's error handling: a failed rollback must stay "rolling back"
            return rollBack(runId, p, message, start, resumed, lease);
        }
        return report(runId, p, end, message, start, resumed);
    }

    /** A guardrail asked for a rollback: done under this run's own lease. A failed rollback stays "rolling back". */
    private RunReport rollBack(String runId, RunProgress p, String message, Instant start, boolean resumed,
                               Lease lease) {
        try {
            new Rollback(stores, plan, listener, lease, leaseTtl).execute(runId);
        } catch (RuntimeException e) {
            throw new FerryException("Guardrail rollback of run " + runId + " stopped part-way: "
                    + Secrets.redact(String.valueOf(e.getMessage())) + ". The run stays 'rolling back' and will not"
                    + " resume; run ferry rollback again to finish undoing it.", e);
        }
        return report(runId, p, RunState.ROLLED_BACK, message, start, resumed);
    }

    /**
     * Writes a prepared batch to every target — in parallel, as each target's undo entry and writes are independent —
     * then its quarantined records to the journal.
     */
    private Map<String, Long> write(String runId, long batch, BatchPipeline.Prepared prepared,
                                    PlanStores.Writers writers, PhaseTimes times,
                                    TargetWriter.Fence fence) {
        Map<String, Long> written = TargetBatchWrite.awaitAll(TargetBatchWrite.submit(targetWriters, plan,
                prepared.perTarget(), (t, docs) -> () -> writers.get(t).write(docs, emptyAtStart.contains(t),
                        recorder(runId, batch, t), fence, times)));
        try (PhaseTimes.Lap lap = times.time("quarantine")) {
            journal.quarantine().put(runId, plan.name(), batch, prepared.quarantined());
        }
        return written;
    }

    /** The target a fan-out target's records hang from, or null. */

    /**
     * Saves a batch's undo entry for one target, fenced by the store: only this run's owner may write it, so an
     * entry another process saved (it took the run over) means this one lost the lease.
     */
    private TargetWriter.UndoRecorder recorder(String runId, long batch, String target) {
        return (inserted, hashes, replaced, preImages) -> {
            if (!journal.undo().save(new UndoEntry(runId, batch, target, inserted, hashes, replaced, false),
                    preImages, owner)) {
                throw new LeaseLostException("(undo log)", runId);
            }
        };
    }

    private void finish(String runId, RunState state, String message) {
        Instant endedAt = state == RunState.COMPLETED || state == RunState.FAILED ? Instant.now() : null;
        if (!journal.runs().changeState(runId, owner, state.name(), message, endedAt)) {
            throw new LeaseLostException(plan.name(), runId);
        }
        LOG.info("run {} of plan {} is {}{}", runId, plan.name(), state.label(), message.isEmpty() ? "" : ": " + message);
    }

    private RunReport report(String runId, RunProgress p, RunState state, String message, Instant start,
                             boolean resumed) {
        return new RunReport(runId, plan.name(), state, p.processed, p.total, p.quarantined, p.written,
                Duration.between(start, Instant.now()).plusMillis(p.priorElapsedMs), resumed, message,
                journal.quarantine().place());
    }

    /** Each target's checksum as the run leaves it, for its report beside the one taken before it began. */
    private Map<String, dev.ferry.store.DocumentChecksum.Sum> checksums(PlanStores.Writers writers) {
        Map<String, dev.ferry.store.DocumentChecksum.Sum> sums = new LinkedHashMap<>();
        try {
            plan.targets().forEach(t -> sums.put(t.collection(), writers.get(t.collection()).checksum()));
        } catch (RuntimeException e) { // the run is done; its report will say the checksums after are missing
            LOG.warn("could not checksum the targets of run of {} after it completed: {}", plan.name(),
                    Secrets.redact(String.valueOf(e.getMessage())));
            return Map.of();
        }
        return sums;
    }

    /** How many targets a run writes at once; the dry run samples its write cost with as many writers. */
    static int targetWriters(int targets) {
        return Math.max(1, Math.min(4, targets));
    }

    private Duration dryRunEstimate() {
        return journal.dryRuns().latest(plan.name(), plan.hash()).map(d -> Duration.ofMillis(d.estimatedMs()))
                .orElse(null);
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
