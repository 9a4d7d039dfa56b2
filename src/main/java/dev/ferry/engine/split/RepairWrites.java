package dev.ferry.engine.split;

import dev.ferry.engine.runtime.LeaseLostException;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.journal.BatchRecord;
import dev.ferry.store.journal.Checkpoint;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.Lease;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.store.journal.UndoEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A repair's writes, as batches of the run after its last one: each target's writes with their undo entry saved
 * first, fenced by the lease, then the batch record and a checkpoint that moves only the batch number (the run's
 * counters stay what the run did). A repair that stops part-way leaves an unfinished batch that resuming the run
 * reverts, as after any crash.
 */
final class RepairWrites {

    private final Journal journal;
    private final Plan plan;
    private final RunRecord run;
    private final String owner;
    private final Lease lease;
    private final PlanStores.Writers writers;

    RepairWrites(Journal journal, Plan plan, RunRecord run, String owner, Lease lease, PlanStores.Writers writers) {
        this.journal = journal;
        this.plan = plan;
        this.run = run;
        this.owner = owner;
        this.lease = lease;
        this.writers = writers;
    }

    /** Writes the chosen targets in batches of the plan's size; returns the number of the last batch. */
    long write(List<RepairDecision> chosen) {
        Checkpoint at = run.checkpoint();
        long batch = at.batch();
        int size = Math.max(1, plan.batch().size());
        for (int from = 0; from < chosen.size(); from += size) {
            List<RepairDecision> slice = chosen.subList(from, Math.min(chosen.size(), from + size));
            batch++;
            long t0 = System.nanoTime();
            Map<String, List<Document>> perTarget = new LinkedHashMap<>();
            slice.forEach(d -> perTarget.computeIfAbsent(d.mismatch().target(), t -> new ArrayList<>())
                    .add(d.mismatch().expected()));
            Map<String, Long> written = new LinkedHashMap<>();
            long number = batch;
            perTarget.forEach((target, docs) -> written.put(target, writers.get(target).write(docs, false,
                    recorder(number, target), this::fence, TargetWriter.Phases.NONE).written()));
            journal.batches().record(new BatchRecord(run.runId(), batch, Instant.now(), slice.size(), 0,
                    (System.nanoTime() - t0) / 1_000_000, written));
            if (!journal.runs().checkpoint(run.runId(), owner, new Checkpoint(batch, at.lastKey(), at.processed(),
                    at.quarantined(), at.total(), at.written(), at.sourceSum(), at.elapsedMs()))) {
                throw new LeaseLostException(plan.name(), run.runId());
            }
        }
        return batch;
    }

    private void fence() {
        if (!lease.heartbeat()) {
            throw new LeaseLostException(plan.name(), run.runId());
        }
    }

    private TargetWriter.UndoRecorder recorder(long batch, String target) {
        return (inserted, hashes, replaced, preImages) -> {
            if (!journal.undo().save(new UndoEntry(run.runId(), batch, target, inserted, hashes, replaced, false),
                    preImages, owner)) {
                throw new LeaseLostException("(undo log)", run.runId());
            }
        };
    }
}
