package dev.ferry.engine.split;

import dev.ferry.FerryException;
import dev.ferry.engine.LeaseHeldException;
import dev.ferry.engine.Partition;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.engine.runtime.LeaseKeeper;
import dev.ferry.engine.runtime.LeaseLostException;
import dev.ferry.engine.split.live.Steering;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Guardrails.BreachAction;
import dev.ferry.plan.Plan;
import dev.ferry.store.Secrets;
import dev.ferry.store.journal.Checkpoint;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.Lease;
import dev.ferry.store.journal.PartitionRecord;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.transform.RecordMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run in partitions, under the plan's lease: opens the run and its key ranges ({@link PartitionPlanning}), then N
 * worker threads each take a range no live worker holds and work it ({@link PartitionWorker}) until every range is
 * done — a range whose worker died (its lease expired) is taken over by the next thread free. The run's own checkpoint
 * is the sum of its ranges', so status, history, validation and rollback see one run.
 */
final class PartitionedRun {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedRun.class);
    /** How often the ranges' states go to the listener while the run works (and once at its end). */
    private static final Duration RANGES_EVERY = Duration.ofSeconds(1);

    private final PlanStores stores;
    private final Plan plan;
    private final RecordMapper mapper;
    private final RunControl control;
    private final RunListener listener;
    private final Duration leaseTtl;
    private final int workers;
    private final Throttle throttle;
    private final Journal journal;
    private final Identity me = Identity.current();
    private Steering steering;

    PartitionedRun(PlanStores stores, Plan plan, RecordMapper mapper, RunControl control, RunListener listener,
                   Duration leaseTtl, int workers, Throttle throttle) {
        this.stores = stores;
        this.plan = plan;
        this.mapper = mapper;
        this.control = control;
        this.listener = listener;
        this.leaseTtl = leaseTtl;
        this.workers = workers;
        this.throttle = throttle;
        this.journal = stores.journal();
    }

    /** Honours operators' requests to the run (pause, cancel, batch size, rate) in every worker thread. */
    PartitionedRun steeredBy(Steering steering) {
        this.steering = steering;
        return this;
    }

    RunReport execute() {
        String owner = me.owner(plan.name());
        Lease lease = journal.leases().lease(plan.name(), owner, leaseTtl);
        lease.tryAcquire(null, me.host(), me.operator()).ifPresent(holder -> {
            throw new LeaseHeldException(plan.name(), holder.owner(), holder.operator(), holder.host(),
                    holder.runId(), holder.heartbeatAt(), holder.expiresAt());
        });
        try (LeaseKeeper keeper = new LeaseKeeper(lease, control);
             PlanStores.Writers writers = stores.writers(plan)) {
            PartitionPlanning.Opened opened = new PartitionPlanning(stores, writers, plan).open(owner, me, workers);
            lease.describe(opened.runId());
            throttle.forRun(opened.runId());
            return work(opened, owner);
        } catch (FerryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FerryException("Run of " + plan.name() + " in partitions could not go on: "
                    + Secrets.redact(String.valueOf(e.getMessage())) + ". Each partition keeps its last checkpoint:"
                    + " remove the cause and run the plan again to resume, or roll it back.", e);
        }
    }

    /** Opens the run and its ranges (new, or the unfinished run's) under the plan's lease, and lets go: nothing worked. */
    java.util.List<Partition> plan() {
        String owner = me.owner(plan.name());
        Lease lease = journal.leases().lease(plan.name(), owner, leaseTtl);
        lease.tryAcquire(null, me.host(), me.operator()).ifPresent(holder -> {
            throw new LeaseHeldException(plan.name(), holder.owner(), holder.operator(), holder.host(),
                    holder.runId(), holder.heartbeatAt(), holder.expiresAt());
        });
        try (LeaseKeeper keeper = new LeaseKeeper(lease, control);
             PlanStores.Writers writers = stores.writers(plan)) {
            return new PartitionPlanning(stores, writers, plan).open(owner, me, workers).ranges().stream()
                    .map(PartitionedRun::partition).toList();
        }
    }

    private RunReport work(PartitionPlanning.Opened opened, String owner) {
        String runId = opened.runId();
        PartitionTotals totals = new PartitionTotals(opened.ranges(), opened.total(), opened.priorElapsedMs(),
                plan.targets().stream().map(t -> t.collection()).toList());
        GuardrailWatch guard = new GuardrailWatch(plan.guardrails(), null, 1);
        RunControl all = control.attempt();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicReference<String> breach = new AtomicReference<>();
        Instant start = Instant.now();
        long sessionProcessed = totals.processed();
        long sessionQuarantined = totals.quarantined();
        listener.on(new RunEvent.Started(start, runId, plan.name(), opened.total(), totals.processed(),
                opened.resumed(), totals.quarantined()));
        LOG.info("run {} of plan {} {} in {} partitions with {} workers", runId, plan.name(),
                opened.resumed() ? "resumed" : "started", opened.ranges().size(), workers);
        BatchSizes sizes = BatchSizes.of(plan.batch().size(), steering);
        if (steering != null) {
            steering.open(runId, listener);
        }
        PartitionWorker worker = new PartitionWorker(stores, plan, mapper, leaseTtl, throttle, sizes);
        long[] lastRanges = {0};
        PartitionWorker.Progress progress = (partition, checkpoint, batch) -> {
            synchronized (totals) {
                Checkpoint sum = totals.update(partition.index(), checkpoint, Duration.between(start, Instant.now()));
                if (!journal.runs().checkpoint(runId, owner, sum)) {
                    throw new LeaseLostException(plan.name(), runId);
                }
                listener.on(totals.event(runId, batch, Duration.between(start, Instant.now())));
                Duration elapsed = Duration.between(start, Instant.now());
                double rate = (sum.processed() - sessionProcessed) / Math.max(elapsed.toNanos() / 1e9, 1e-6);
                guard.check(sum.processed() - sessionProcessed, sum.quarantined() - sessionQuarantined, rate, elapsed)
                        .filter(b -> breach.compareAndSet(null, b.guardrail() + ": " + b.description()))
                        .ifPresent(b -> {
                            listener.on(new RunEvent.GuardrailBreached(Instant.now(), runId, b.guardrail(),
                                    b.observed(), b.limit(), plan.guardrails().onBreach().name().toLowerCase()));
                            all.pause("guardrail " + b.guardrail() + ": " + b.description());
                        });
                if (System.nanoTime() - lastRanges[0] > RANGES_EVERY.toNanos()) { // the ranges, for a grid
                    lastRanges[0] = System.nanoTime();
                    listener.on(new RunEvent.PartitionsProgress(Instant.now(), runId,
                            dev.ferry.engine.split.live.PartitionStatuses.of(journal, runId)));
                }
                if (steering != null) { // under the lock: a rate limit holds for the run, not for each worker
                    steering.poll(sum.batch());
                    steering.throttle(batch.read(), sum.batch());
                }
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < Math.min(workers, opened.ranges().size()); w++) {
            int first = w;
            Thread t = new Thread(() -> {
                try {
                    new PartitionTurns(journal, runId, opened.ranges().size(), leaseTtl).take(first, all,
                            p -> worker.work(p, all, progress));
                } catch (RuntimeException e) {
                    if (failure.compareAndSet(null, e)) {
                        all.cancel("stopped by an error in another partition: " + e.getMessage());
                    }
                }
            }, "ferry-partition-worker-" + (w + 1));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                all.cancel("interrupted");
            }
        }
        return end(runId, owner, totals, failure.get(), breach.get(), all, start, opened.resumed());
    }

    private RunReport end(String runId, String owner, PartitionTotals totals, RuntimeException failure, String breach,
                          RunControl all, Instant start, boolean resumed) {
        List<PartitionRecord> ranges = journal.partitions().of(runId);
        boolean done = ranges.stream().allMatch(PartitionRecord::done);
        Checkpoint sum = totals.final_(ranges, done, Duration.between(start, Instant.now()));
        journal.runs().checkpoint(runId, owner, sum);
        RunState state;
        String message;
        if (failure != null && !(failure instanceof LeaseLostException)) {
            String reason = Secrets.redact(String.valueOf(failure.getMessage()));
            journal.runs().changeState(runId, owner, RunState.INTERRUPTED.name(), "stopped by an error: " + reason,
                    null);
            listener.on(new RunEvent.StateChanged(Instant.now(), runId, RunState.INTERRUPTED, reason));
            throw new FerryException("Run " + runId + " of " + plan.name() + " stopped (" + sum.processed()
                    + " records checkpointed over its partitions): " + reason + ". Nothing is lost: run the plan"
                    + " again to resume each partition from its checkpoint, or roll it back.", failure);
        }
        if (done) {
            state = RunState.COMPLETED;
            message = "";
        } else if (breach != null) {
            BreachAction action = plan.guardrails().onBreach();
            state = action == BreachAction.PAUSE ? RunState.PAUSED : RunState.FAILED;
            message = "guardrail " + breach + " — run " + (action == BreachAction.PAUSE ? "paused" : "halted");
        } else {
            state = control.requested() != RunControl.Request.NONE ? control.stoppedState()
                    : all.requested() == RunControl.Request.PAUSE ? RunState.PAUSED : RunState.CANCELLED;
            message = Optional.ofNullable(control.reason()).filter(r -> !r.isEmpty()).orElse(all.reason());
        }
        Instant endedAt = state == RunState.COMPLETED || state == RunState.FAILED ? Instant.now() : null;
        if (!journal.runs().changeState(runId, owner, state.name(), message, endedAt)) {
            throw new LeaseLostException(plan.name(), runId);
        }
        listener.on(new RunEvent.PartitionsProgress(Instant.now(), runId,
                dev.ferry.engine.split.live.PartitionStatuses.of(journal, runId)));
        listener.on(new RunEvent.StateChanged(Instant.now(), runId, state, message));
        return new RunReport(runId, plan.name(), state, sum.processed(), sum.total(), sum.quarantined(),
                sum.written(), Duration.ofMillis(sum.elapsedMs()), resumed, message, journal.quarantine().place());
    }

    /** The value a worker is given for a recorded range. */
    static Partition partition(PartitionRecord r) {
        return new Partition(r.runId(), r.index(), r.count(), r.after(), r.upTo());
    }

    /** What a run's record says about whether it was run in partitions. */
    static boolean partitioned(Journal journal, RunRecord run) {
        return !journal.partitions().of(run.runId()).isEmpty();
    }
}
