package dev.ferry.engine.split;

import dev.ferry.FerryException;
import dev.ferry.engine.runtime.LeaseLostException;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.UndoEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
        Map<String, Future<TargetWriter.Outcome>> pending = new LinkedHashMap<>();
        prepared.perTarget().forEach((t, docs) -> pending.put(t, pool.submit(() -> writers.get(t).write(docs,
                emptyAtStart.contains(t), recorder(runId, batch, t), fence, times))));
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
            throw failure; // the batch is reverted and replayed when its range is worked again
        }
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
}
