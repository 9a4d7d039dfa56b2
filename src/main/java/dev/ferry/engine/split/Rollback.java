package dev.ferry.engine.split;

import dev.ferry.engine.split.create.CreatedDrops;
import dev.ferry.engine.split.stores.PlanStores;

import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunState;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.engine.runtime.LeaseKeeper;
import dev.ferry.engine.runtime.LeaseLostException;
import dev.ferry.engine.runtime.LeaseTaking;
import dev.ferry.format.HumanFormat;


import dev.ferry.FerryException;
import dev.ferry.plan.Plan;
import dev.ferry.plan.SourceSpec;
import dev.ferry.store.SourceReader;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.Lease;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.store.journal.UndoEntry;
import dev.ferry.store.journal.UndoLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes a run by replaying its undo log in reverse, batch by batch (delete what it inserted, put back the
 * pre-images of what it replaced), then verifies each target against the checksum taken before the run and the
 * source against the checksum of what the run read. Re-running an interrupted rollback continues where it stopped.
 */
final class Rollback {

    private static final Logger LOG = LoggerFactory.getLogger(Rollback.class);
    private static final int MAX_PASSES = 3;

    private final PlanStores stores;
    private final Plan plan;
    private final RunListener listener;
    private final Lease heldLease;
    private final Duration leaseTtl;
    private final Journal journal;
    private final UndoLog undo;

    /** @param heldLease the run's own lease when a guardrail rolls back in the same process, else null */
    Rollback(PlanStores stores, Plan plan, RunListener listener, Lease heldLease, Duration leaseTtl) {
        this.stores = stores;
        this.plan = plan;
        this.listener = listener;
        this.heldLease = heldLease;
        this.leaseTtl = leaseTtl;
        this.journal = stores.journal();
        this.undo = journal.undo();
    }

    /**
     * The run a rollback undoes: the newest run of the plan that is not rolled back yet. Runs are undone newest
     * first, since an older run's pre-images predate what newer runs wrote.
     */
    RunRecord target(String runId) {
        List<RunRecord> runs = journal.runs().newestFirst(plan.name(), 1000);
        if (runs.isEmpty()) {
            throw new FerryException("Plan " + plan.name() + " has no run in " + journal.databaseName()
                    + ": there is nothing to roll back.");
        }
        RunRecord candidate = runs.stream().filter(r -> !RunState.ROLLED_BACK.name().equals(r.state()))
                .findFirst().orElseThrow(() -> new FerryException("Every run of " + plan.name() + " is rolled back"
                        + " already (the latest, " + runs.get(0).runId() + ", too): nothing to undo."));
        if (runId == null || runId.equals(candidate.runId())) {
            return candidate;
        }
        RunRecord named = runs.stream().filter(r -> runId.equals(r.runId())).findFirst()
                .orElseThrow(() -> new FerryException("There is no run " + runId + " of plan " + plan.name()
                        + " (see ferry history)."));
        if (RunState.ROLLED_BACK.name().equals(named.state())) {
            throw new FerryException("Run " + runId + " of " + plan.name() + " is rolled back already.");
        }
        throw new FerryException("Run " + runId + " is not the latest run of " + plan.name() + "; undoing it would"
                + " overwrite what run " + candidate.runId() + " wrote after it. Roll back "
                + candidate.runId() + " first.");
    }

    RollbackPreview preview(String runId) {
        RunRecord run = target(runId);
        Map<String, Long> toDelete = new LinkedHashMap<>();
        Map<String, Long> toRestore = new LinkedHashMap<>();
        undo.pending(run.runId()).forEach((t, pending) -> {
            toDelete.put(t, pending.toDelete());
            toRestore.put(t, pending.toRestore());
        });
        return new RollbackPreview(run.runId(), plan.name(), journal.databaseName(),
                new RunHistory(journal).summary(run).state(), toDelete, toRestore);
    }

    RollbackReport execute(String runId) {
        RunRecord run = target(runId);
        String id = run.runId();
        Identity me = Identity.current();
        Lease lease = heldLease;
        LeaseTaking.Taken taken = new LeaseTaking.Taken(null, false);
        if (lease == null) {
            lease = journal.leases().lease(plan.name(), me.owner("rollback-" + id), leaseTtl);
            taken = LeaseTaking.take(journal.leases(), lease, plan.name(), id, me);
        }
        try (PlanStores.Writers writers = stores.writers(plan)) {
            if (heldLease != null) {
                return undoRun(run, lease, writers, taken);
            }
            // renewed in the background for as long as the undo takes; released at the end
            try (LeaseKeeper keeper = new LeaseKeeper(lease, new RunControl())) {
                return undoRun(run, lease, writers, taken);
            }
        }
    }

    private RollbackReport undoRun(RunRecord run, Lease lease, PlanStores.Writers writers, LeaseTaking.Taken taken) {
        String id = run.runId();
        Instant start = Instant.now();
        boolean tookOverLiveState = heldLease == null && RunState.RUNNING.name().equals(run.state())
                && !taken.gone(run.owner());
        journal.runs().startRollback(id, lease.owner());
        listener.on(new RunEvent.StateChanged(start, id, RunState.ROLLING_BACK, taken.note().isEmpty()
                ? "rolling back" : "rolling back; " + taken.note()));
        if (tookOverLiveState) {
            waitForStalledHolder(id);
        }
        long total = undo.pending(id).values().stream().mapToLong(c -> c.toDelete() + c.toRestore()).sum();
        listener.on(new RunEvent.Started(start, id, plan.name(), total, 0, false));
        Map<String, Long> deleted = new LinkedHashMap<>();
        Map<String, Long> restored = new LinkedHashMap<>();
        UndoApplier applier = new UndoApplier(writers, undo);
        long done = 0;
        long kept = 0;
        // a stalled process may still add an entry after the first pass: pass again until nothing is pending
        for (int pass = 0; pass < MAX_PASSES && !undo.pending(id).isEmpty(); pass++) {
            for (UndoEntry entry : UndoOrder.childrenFirst(undo.newestFirst(id), plan)) {
                if (entry.undone()) {
                    continue;
                }
                if (!lease.heartbeat()) { // fenced: never undo without holding the plan's lease right now
                    throw new LeaseLostException(plan.name(), id);
                }
                TargetWriter.Undone undone = applier.apply(entry);
                deleted.merge(entry.target(), undone.deleted(), Long::sum);
                restored.merge(entry.target(), undone.restored(), Long::sum);
                kept += undone.kept();
                undo.markUndone(entry);
                done += entry.inserted().size() + entry.replaced().size();
                listener.on(new RunEvent.UndoProgress(Instant.now(), id, done, total));
            }
        }
        List<String> verification = new ArrayList<>();
        if (kept > 0) {
            verification.add(kept + " documents the run inserted were changed since by someone else and were kept,"
                    + " not deleted (see the log for their keys)");
        }
        if (!lease.heartbeat()) {
            throw new LeaseLostException(plan.name(), id);
        }
        writers.close(); // no connection of this rollback's may stand in the way of dropping a table
        CreatedDrops.Dropped drops = CreatedDrops.drop(stores, plan.name(), id, lease.owner());
        verification.addAll(drops.lines());
        boolean verified = verify(run, verification, writers, drops.dropped()) && drops.complete();
        List<String> dropped = drops.objects().stream().map(o -> o + " (created by the run)").toList();
        String message = verified ? "targets match their pre-run checksums"
                : "verification found differences: " + String.join("; ", verification);
        journal.runs().rolledBack(id, message, verified, Instant.now());
        listener.on(new RunEvent.StateChanged(Instant.now(), id, RunState.ROLLED_BACK, message));
        LOG.info("run {} of plan {} rolled back: {}", id, plan.name(), message);
        String leftBehind = verified ? "Ferry's journal — " + journal.location() + " — is the only difference from"
                + " before the run." : "Besides Ferry's journal (" + journal.location() + "), the database differs from"
                + " before the run as the lines above say.";
        return new RollbackReport(id, plan.name(), RunState.ROLLED_BACK, deleted, restored, verified, verification,
                Duration.between(start, Instant.now()), dropped, leftBehind);
    }

    /**
     * The run's journal says running, but its lease expired: its process died, or it is stalled and may still
     * wake up for one last batch. Having taken the run over (which fences its journal writes), wait one lease
     * time so such a process notices it lost the lease before the undo begins.
     */
    private void waitForStalledHolder(String runId) {
        listener.on(new RunEvent.StateChanged(Instant.now(), runId, RunState.ROLLING_BACK, "waiting "
                + HumanFormat.duration(leaseTtl) + " for the run's previous process to notice it lost its lease"));
        try {
            Thread.sleep(leaseTtl.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("The rollback was interrupted before it changed anything; run it again.", e);
        }
    }

    /**
     * Each target's checksum now against before the run (what decides; a target the run created and its rollback
     * dropped is absent, as it was), and the source's against what the run read of it (reported, never failing the
     * rollback).
     */
    private boolean verify(RunRecord run, List<String> lines, PlanStores.Writers writers,
                           java.util.Set<String> dropped) {
        boolean ok = true;
        for (String t : run.targets()) {
            if (dropped.contains(t)) {
                lines.add(t + ": created by the run and dropped — absent, as before the run");
                continue;
            }
            DocumentChecksum.Sum before = run.preRun().getOrDefault(t, DocumentChecksum.Sum.EMPTY);
            DocumentChecksum.Sum now = writers.get(t).checksum();
            boolean match = before.equals(now);
            ok &= match;
            lines.add(t + ": before the run " + before + "; now " + now + (match ? " — match" : " — DIFFERENT"));
        }
        Object lastKey = run.checkpoint().lastKey();
        if (lastKey != null) {
            String key = run.source().key() == null ? plan.source().key() : run.source().key();
            DocumentChecksum.Sum read = run.checkpoint().sourceSum();
            DocumentChecksum.Sum now;
            // a query source is the plan's query (the journal keeps its name only)
            try (SourceReader source = stores.reader(new SourceSpec(run.source().name(), run.source().filter(), key,
                    plan.source().store(), plan.source().query()), null, 1000)) {
                now = source.checksumUpTo(lastKey);
            }
            boolean match = read.equals(now);
            // a note, not a failure: Ferry never writes the source, and a live source keeps changing
            lines.add(run.source().name() + " (source, the records the run read): " + read + "; now " + now
                    + (match ? " — unchanged" : " — changed since the run read it (by its applications: Ferry"
                    + " never writes a source; the targets are what a rollback restores)"));
        }
        return ok;
    }
}
