package dev.ferry.engine.split;

import dev.ferry.FerryException;
import dev.ferry.engine.runtime.LeaseLostException;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.UndoEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes one prepared batch to every target, in parallel (each target's undo entry and writes are independent), each
 * target's undo entry saved before its writes can be seen and fenced by the owner; then its quarantined records.
 */
final class TargetBatchWrite implements AutoCloseable {

    private final Journal journal;
    private final Plan plan;
    private final PlanStores.Writers writers;
    private final String owner;
    private final Set<String> emptyAtStart;
    private final ExecutorService pool;

    TargetBatchWrite(Journal journal, Plan plan, PlanStores.Writers writers, String owner, Set<String> emptyAtStart) {
        this.journal = journal;
        this.plan = plan;
        this.writers = writers;
        this.owner = owner;
        this.emptyAtStart = emptyAtStart;
        this.pool = Executors.newFixedThreadPool(MigrationRun.targetWriters(plan.targets().size()), r -> {
            Thread t = new Thread(r, "ferry-target-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return target to records written; throws once every target's write ended if one failed */
    Map<String, Long> write(String runId, long batch, BatchPipeline.Prepared prepared, TargetWriter.Fence fence,
                            TargetWriter.Phases times) {
        Map<String, Long> written = awaitAll(submit(pool, plan, prepared.perTarget(), (t, docs) -> () -> writers.get(t)
                .write(docs, emptyAtStart.contains(t), recorder(runId, batch, t), fence, times)));
        try (TargetWriter.Lap lap = times.time("quarantine")) {
            journal.quarantine().put(runId, plan.name(), batch, prepared.quarantined());
        }
        return written;
    }

    private TargetWriter.UndoRecorder recorder(String runId, long batch, String target) {
        return (inserted, hashes, replaced, preImages) -> {
            if (!journal.undo().save(new UndoEntry(runId, batch, target, inserted, hashes, replaced, false),
                    preImages, owner)) {
                throw new LeaseLostException("(undo log)", runId);
            }
        };
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Each target's write of a batch, in parallel, in plan order; a fan-out child's waits for its parent's, whose rows
     * its foreign key needs committed first.
     */
    static Map<String, Future<TargetWriter.Outcome>> submit(ExecutorService pool, Plan plan,
            Map<String, List<Document>> perTarget, java.util.function.BiFunction<String, List<Document>,
            java.util.concurrent.Callable<TargetWriter.Outcome>> write) {
        Map<String, Future<TargetWriter.Outcome>> pending = new LinkedHashMap<>();
        perTarget.forEach((t, docs) -> {
            Future<TargetWriter.Outcome> parent = pending.get(parentOf(plan, t)); // submitted before: plan order
            java.util.concurrent.Callable<TargetWriter.Outcome> own = write.apply(t, docs);
            pending.put(t, pool.submit(() -> {
                if (parent != null) {
                    parent.get();
                }
                return own.call();
            }));
        });
        return pending;
    }

    /** Records written per target, once every target's write ended; the first failure is thrown after them all. */
    static Map<String, Long> awaitAll(Map<String, Future<TargetWriter.Outcome>> pending) {
        Map<String, Long> written = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (Map.Entry<String, Future<TargetWriter.Outcome>> e : pending.entrySet()) {
            try {
                written.put(e.getKey(), e.getValue().get().written());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                failure = new FerryException("interrupted while writing " + e.getKey(), ie);
            } catch (ExecutionException ee) {
                failure = ee.getCause() instanceof RuntimeException r ? r
                        : new FerryException("writing " + e.getKey() + " failed: " + ee.getCause(), ee.getCause());
            }
        }
        if (failure != null) {
            throw failure; // every target's write has ended; the batch is reverted and replayed
        }
        return written;
    }

    private static String parentOf(Plan plan, String target) {
        return plan.targets().stream().filter(t -> t.collection().equals(target) && t.fansOut())
                .map(t -> t.options().fanOut().parent()).findFirst().orElse(null);
    }
}
