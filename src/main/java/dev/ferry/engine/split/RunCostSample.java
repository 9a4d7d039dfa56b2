package dev.ferry.engine.split;

import dev.ferry.FerryException;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.Secrets;
import dev.ferry.store.journal.BatchRecord;
import dev.ferry.store.journal.Checkpoint;
import dev.ferry.store.journal.Lease;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.store.journal.RunSource;
import dev.ferry.store.journal.ScratchJournal;
import dev.ferry.store.journal.KeyWriter;
import dev.ferry.store.journal.UndoEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run's writing costs, measured by doing it for a few batches into scratch targets and a scratch journal that
 * are dropped afterwards: the target writes (batch-sized writes, one writer per target in parallel as a run has them,
 * each into a copy of its target's kind: a collection, or a table of the target's shape) and the bookkeeping every
 * batch adds whatever its size (each target's undo entry and lease heartbeat, the batch record, the checkpoint),
 * through the journal's own operations. Measured rather than assumed, because both depend on the server, the
 * machine's cores and its load; timed on these databases, so that a small batch size's many round trips show.
 */
final class RunCostSample {

    private static final Logger LOG = LoggerFactory.getLogger(RunCostSample.class);
    /** Enough batches for a steady median without making the dry run noticeably longer. */
    private static final int BOOKKEEPING_BATCHES = 15;
    /** Documents per target written first and not counted, for the same reason. */
    private static final int WARM_UP_DOCS = 200;
    /** Batches done first and not counted: the first round trips of a fresh collection pay for warming up. */
    private static final int WARM_UP_BATCHES = 5;

    /**
     * @param nanosPerDoc   wall time to write one produced document (all targets' writers running at once)
     * @param nanosPerBatch wall time of one batch's bookkeeping
     */
    record Costs(double nanosPerDoc, double nanosPerBatch) {
        static final Costs NONE = new Costs(0, 0);
    }

    private final PlanStores stores;
    private final Plan plan;
    private final int batchSize;
    private final int writers;

    /** @param writers how many targets a run writes at once (its pool of target writers) */
    RunCostSample(PlanStores stores, Plan plan, int batchSize, int writers) {
        this.stores = stores;
        this.plan = plan;
        this.batchSize = Math.max(1, batchSize);
        this.writers = Math.max(1, writers);
    }

    /** @param perTarget produced documents per target, as the run would write them; they are copied, not changed */
    Costs measure(Map<String, List<Document>> perTarget) {
        if (perTarget.values().stream().allMatch(List::isEmpty)) {
            return Costs.NONE;
        }
        String tag = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r, "ferry-dry-run-writer");
            t.setDaemon(true);
            return t;
        });
        Map<String, ScratchTarget> targets = new LinkedHashMap<>();
        try {
            for (String t : perTarget.keySet()) {
                TargetSpec spec = plan.targets().stream().filter(s -> s.collection().equals(t)).findFirst().orElseThrow();
                try {
                    targets.put(t, ScratchTarget.of(stores, spec, "ferry_dry_run_scratch_" + tag + "_" + targets.size()));
                } catch (FerryException e) { // e.g. no CREATE privilege beside a table: the estimate says less
                    LOG.warn("the dry run could not time writes to {}: {}; its estimate leaves them out", t,
                            e.getMessage());
                    targets.values().forEach(RunCostSample::closeQuietly);
                    targets.clear();
                    return new Costs(0, bookkeeping(perTarget, pool));
                }
            }
            Map<String, List<Document>> first = new LinkedHashMap<>();
            perTarget.forEach((t, docs) -> first.put(t, docs.subList(0, Math.min(docs.size(), WARM_UP_DOCS))));
            writeAll(first, targets, pool); // warms up the clients and the servers, as a run's first batches do
            targets.values().forEach(ScratchTarget::clear);
            long t0 = System.nanoTime();
            long docs = writeAll(perTarget, targets, pool);
            double perDoc = (System.nanoTime() - t0) / (double) docs;
            return new Costs(perDoc, bookkeeping(perTarget, pool));
        } finally {
            pool.shutdownNow();
            targets.values().forEach(RunCostSample::closeQuietly);
        }
    }

    /** Each target's documents in batch-sized writes, the targets in parallel; returns how many were written. */
    private long writeAll(Map<String, List<Document>> perTarget, Map<String, ScratchTarget> targets,
                          ExecutorService pool) {
        List<Future<?>> pending = new ArrayList<>();
        perTarget.forEach((t, docs) -> pending.add(pool.submit(() -> {
            for (int from = 0; from < docs.size(); from += batchSize) {
                targets.get(t).write(docs.subList(from, Math.min(docs.size(), from + batchSize)));
            }
        })));
        await(pending);
        return perTarget.values().stream().mapToLong(List::size).sum();
    }

    /**
     * A run's per-batch journal writes, with entries of the run's shapes and sizes, in a scratch journal of the run's
     * kind: the target keys a record may not take twice (looked up and recorded, for targets whose id is not the
     * source key itself), then per target (in parallel) the undo entry with the batch's keys and content hashes and a lease heartbeat;
     * then the batch record and the checkpoint. The median batch's wall time; 0 (with a warning) when no scratch
     * journal can be made here.
     */
    private double bookkeeping(Map<String, List<Document>> perTarget, ExecutorService pool) {
        ScratchJournal journal;
        try {
            journal = stores.journal().scratch();
            journal.prepare();
        } catch (RuntimeException e) {
            LOG.warn("the dry run could not time a run's bookkeeping in a scratch journal beside {}: {}; its estimate"
                    + " leaves it out", stores.journal().location(), Secrets.redact(String.valueOf(e.getMessage())));
            return 0;
        }
        try (journal) {
            Identity me = Identity.current();
            String owner = me.owner("dry-run");
            journal.runs().insert(RunRecord.started("run", plan.name(), plan.hash(), owner, me.operator(), me.host(),
                    journal.databaseName(), new RunSource(plan.source().collection(), null, plan.source().key(), null),
                    List.copyOf(perTarget.keySet()), batchSize, Map.of(), Instant.now()));
            Lease lease = journal.leases().lease(plan.name(), owner, Duration.ofMinutes(1));
            lease.tryAcquire("run", me.host(), me.operator());
            long[] nanos = new long[WARM_UP_BATCHES + BOOKKEEPING_BATCHES];
            for (int b = 0; b < nanos.length; b++) {
                long batch = b;
                long t0 = System.nanoTime();
                for (dev.ferry.plan.TargetSpec t : plan.targets()) { // a key a record of the run may not take twice
                    List<Document> docs = perTarget.getOrDefault(t.collection(), List.of());
                    if (TargetKeyClaims.canCollide(t, plan) && !docs.isEmpty()) {
                        List<Document> keys = docs.subList(0, Math.min(docs.size(), batchSize));
                        journal.targetKeys().writtenBy("run", t.collection(), keys.stream().map(d -> d.get("_id")).toList());
                        journal.targetKeys().record("run", t.collection(), keys.stream()
                                .map(d -> new KeyWriter(d.get("_id"), d.get("_id"), batch)).toList());
                    }
                }
                List<Future<?>> pending = new ArrayList<>();
                perTarget.forEach((t, docs) -> pending.add(pool.submit(() -> {
                    List<Document> keys = docs.subList(0, Math.min(docs.size(), batchSize));
                    journal.undo().save(new UndoEntry("run", batch, t, keys.stream().map(d -> d.get("_id")).toList(),
                            keys.stream().map(Document::hashCode).toList(), List.of(), false), Map.of(), owner);
                    lease.heartbeat();
                })));
                await(pending);
                journal.batches().record(new BatchRecord("run", batch, Instant.now(), batchSize, 0, 0, Map.of()));
                journal.runs().checkpoint("run", owner, new Checkpoint(batch, batch, batch * batchSize, 0, 0,
                        Map.of(), DocumentChecksum.Sum.EMPTY, 0));
                nanos[b] = System.nanoTime() - t0;
            }
            long[] counted = Arrays.copyOfRange(nanos, WARM_UP_BATCHES, nanos.length);
            Arrays.sort(counted);
            return counted[counted.length / 2];
        }
    }

    private static void closeQuietly(ScratchTarget target) {
        try {
            target.close();
        } catch (RuntimeException e) {
            LOG.warn("could not drop a dry run's scratch target: {}", Secrets.redact(String.valueOf(e.getMessage())));
        }
    }

    private static void await(List<Future<?>> pending) {
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FerryException("interrupted while sampling the write cost", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r
                        : new FerryException("sampling the write cost failed: " + e.getCause(), e.getCause());
            }
        }
    }
}
