package dev.ferry.engine.split;

import dev.ferry.engine.split.create.TargetCreation;
import dev.ferry.engine.split.stores.PlanStores;

import dev.ferry.engine.runtime.RunIds;

import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunState;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.format.HumanFormat;


import dev.ferry.FerryException;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.SourceReader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.store.journal.RunSource;
import dev.ferry.store.journal.UndoEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a run once its lease is held: continues the plan's unfinished run, or starts a new one. A continued run
 * first reverts what its last attempt wrote after the last checkpoint, so the replay starts from exactly the
 * checkpointed state — whatever changed since (batch size, source records, records that now fail).
 */
final class RunOpening {

    private static final Logger LOG = LoggerFactory.getLogger(RunOpening.class);

    private final PlanStores stores;
    private final PlanStores.Writers writers;
    private final Plan plan;
    private final Journal journal;
    private final java.time.Duration leaseTtl;
    private final RunListener listener;
    private final TargetCreation creation;

    RunOpening(PlanStores stores, PlanStores.Writers writers, Plan plan, java.time.Duration leaseTtl,
               RunListener listener, TargetCreation creation) {
        this.listener = listener;
        this.creation = creation;
        this.stores = stores;
        this.writers = writers;
        this.plan = plan;
        this.leaseTtl = leaseTtl;
        this.journal = stores.journal();
    }

    /**
     * @param emptyAtStart targets that held no document when the run began: their writes need no existence lookup
     *                     (a key another writer took meanwhile still gets its pre-image, via the duplicate-key path)
     */
    record Opened(String runId, RunProgress progress, boolean resumed, Set<String> emptyAtStart) { }

    /**
     * @param stopped owners known to write no more — this process's own earlier, stopped attempts, a holder whose
     *                process is gone: a run they left is taken at once
     */
    Opened open(String owner, Identity me, Set<String> stopped) {
        journal.prepare();
        List<String> targets = plan.targets().stream().map(TargetSpec::collection).toList();
        refuseUnpageableKeys();
        Optional<RunRecord> latest = journal.runs().latest(plan.name());
        journal.runs().newestFirst(plan.name(), 1000).stream()
                .filter(r -> RunState.valueOf(r.state()) == RunState.ROLLING_BACK).findFirst()
                .ifPresent(r -> {
                    throw new FerryException("The rollback of run " + r.runId() + " of " + plan.name()
                            + " did not finish. Finish it first (ferry rollback --plan …), then run the plan again.");
                });
        Optional<RunRecord> unfinished = latest.filter(r -> RunState.valueOf(r.state()).resumable());
        if (unfinished.isEmpty()) {
            String runId = RunIds.newRunId();
            RunRecord run = newRun(runId, owner, me, targets);
            journal.runs().insert(run);
            creation.createTargets(runId, owner); // recorded on the run first: its rollback drops them
            new CreatedTargets(journal).recordAbsent(runId, owner, plan, writers);
            return new Opened(runId, RunProgress.fresh(targets), false, emptyAtStart(run));
        }
        RunRecord run = unfinished.get();
        refuseChangedPlan(run);
        String runId = run.runId();
        if (RunState.RUNNING.name().equals(run.state()) && !stopped.contains(run.owner())) {
            waitForStalledHolder(runId);
        }
        journal.runs().resume(runId, owner, "resumed by " + me.operator() + " on " + me.host());
        creation.createTargets(runId, owner); // what a stopped attempt was creating
        RunProgress progress = RunProgress.fromRun(run, targets);
        revertUncheckpointedTail(runId, progress.batch);
        return new Opened(runId, progress, true, emptyAtStart(run));
    }

    /**
     * The journal says running but the lease was free: the run's process died, or is stalled and may still wake
     * for one last write. Taking the run over (its journal writes are fenced by owner) and waiting one lease time
     * lets such a process see its lease is gone before this one reverts and replays its last batch.
     */
    private void waitForStalledHolder(String runId) {
        LOG.info("run {}: taking over from a process that stopped; waiting {} for it to notice", runId,
                HumanFormat.duration(leaseTtl));
        String message = "taking over from a process that stopped; waiting " + HumanFormat.duration(leaseTtl)
                + " (one lease time) so that it cannot write after this resume";
        journal.runs().note(runId, message);
        listener.on(new RunEvent.StateChanged(java.time.Instant.now(), runId, RunState.RUNNING, message));
        try {
            Thread.sleep(leaseTtl.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("Interrupted while taking over run " + runId + "; nothing was changed.", e);
        }
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

    private void revertUncheckpointedTail(String runId, long checkpoint) {
        UndoApplier applier = new UndoApplier(writers, journal.undo());
        List<UndoEntry> tail = journal.undo().after(runId, checkpoint);
        for (UndoEntry entry : UndoOrder.childrenFirst(tail, plan)) {
            if (!entry.undone()) { // marked once applied: a revert interrupted after discarding pre-images resumes
                applier.apply(entry);
                journal.undo().markUndone(entry);
            }
        }
        journal.discardAfter(runId, checkpoint);
        if (!tail.isEmpty()) {
            LOG.info("run {}: reverted {} undo entries written after the checkpoint of batch {}", runId, tail.size(),
                    checkpoint);
        }
    }

    /** Records without a key, or keys of several types, cannot be paged or resumed: refused before anything is written. */
    private void refuseUnpageableKeys() {
        try (SourceReader reader = stores.reader(plan, null, 1)) {
            reader.refuseUnpageableKeys();
        }
    }

    private void refuseChangedPlan(RunRecord run) {
        if (!plan.hash().equals(run.planHash())) {
            throw new FerryException("The unfinished run " + run.runId() + " of " + plan.name()
                    + " was made with another version of the plan (hash " + run.planHash() + ", now "
                    + plan.hash() + "). Restore that plan file to resume it, or roll the run back first"
                    + " (ferry rollback --run " + run.runId() + ").");
        }
    }

    private RunRecord newRun(String runId, String owner, Identity me, List<String> targets) {
        Map<String, DocumentChecksum.Sum> preRun = new LinkedHashMap<>();
        List<String> absent = creation.absentTargets(); // created by the run: empty before it
        for (String t : targets) {
            preRun.put(t, absent.contains(t) ? DocumentChecksum.Sum.EMPTY : writers.get(t).checksum());
        }
        RunSource source = new RunSource(plan.source().collection(), plan.source().filter(), plan.source().key(),
                plan.source().store().name().toLowerCase());
        return RunRecord.started(runId, plan.name(), plan.hash(), owner, me.operator(), me.host(),
                journal.databaseName(), source, targets, plan.batch().size(), preRun,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
