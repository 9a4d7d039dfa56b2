package dev.ferry.engine.split;

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
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.store.mongo.MongoUndoLog;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a run once its lease is held: continues the plan's unfinished run, or starts a new one. A continued run
 * first reverts what its last attempt wrote after the last checkpoint, so the replay starts from exactly the
 * checkpointed state — whatever changed since (batch size, source records, records that now fail).
 */
final class RunOpening {

    private static final Logger LOG = LoggerFactory.getLogger(RunOpening.class);

    private final MongoStore store;
    private final PlanStores stores;
    private final PlanStores.Writers writers;
    private final Plan plan;
    private final MongoJournal journal;
    private final MongoUndoLog undo;
    private final java.time.Duration leaseTtl;
    private final RunListener listener;

    RunOpening(PlanStores stores, PlanStores.Writers writers, Plan plan, java.time.Duration leaseTtl,
               RunListener listener) {
        this.listener = listener;
        this.stores = stores;
        this.writers = writers;
        this.store = stores.mongo();
        this.plan = plan;
        this.leaseTtl = leaseTtl;
        this.journal = new MongoJournal(store);
        this.undo = new MongoUndoLog(store);
    }

    /**
     * @param emptyAtStart targets that held no document when the run began: their writes need no existence lookup
     *                     (a key another writer took meanwhile still gets its pre-image, via the duplicate-key path)
     */
    record Opened(String runId, RunProgress progress, boolean resumed, Set<String> emptyAtStart) { }

    /** @param ownEarlier owners of this process's own earlier, stopped attempts: a run they left is taken at once */
    Opened open(String owner, Identity me, Set<String> ownEarlier) {
        journal.createIndexes();
        undo.createIndexes();
        List<String> targets = plan.targets().stream().map(TargetSpec::collection).toList();
        refuseUnpageableKeys();
        Optional<Document> latest = journal.latestRun(plan.name());
        journal.runsNewestFirst(plan.name(), 1000).stream()
                .filter(r -> RunState.valueOf(r.getString("state")) == RunState.ROLLING_BACK).findFirst()
                .ifPresent(r -> {
                    throw new FerryException("The rollback of run " + r.getString("_id") + " of " + plan.name()
                            + " did not finish. Finish it first (ferry rollback --plan …), then run the plan again.");
                });
        Optional<Document> unfinished = latest.filter(r -> RunState.valueOf(r.getString("state")).resumable());
        if (unfinished.isEmpty()) {
            String runId = RunIds.newRunId();
            Document run = newRunDocument(runId, owner, me, targets);
            journal.insertRun(run);
            return new Opened(runId, RunProgress.fresh(targets), false, emptyAtStart(run));
        }
        Document run = unfinished.get();
        refuseChangedPlan(run);
        String runId = run.getString("_id");
        if (RunState.RUNNING.name().equals(run.getString("state")) && !ownEarlier.contains(run.getString("owner"))) {
            waitForStalledHolder(runId);
        }
        journal.updateRun(runId, new Document("state", RunState.RUNNING.name()).append("owner", owner)
                .append("message", "resumed by " + me.operator() + " on " + me.host()).append("endedAt", null));
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
        journal.updateRun(runId, new Document("message", message));
        listener.on(new RunEvent.StateChanged(java.time.Instant.now(), runId, RunState.RUNNING, message));
        try {
            Thread.sleep(leaseTtl.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("Interrupted while taking over run " + runId + "; nothing was changed.", e);
        }
    }

    private static Set<String> emptyAtStart(Document run) {
        Set<String> empty = new HashSet<>();
        Document preRun = run.get("preRun", new Document());
        preRun.forEach((t, sum) -> {
            if (DocumentChecksum.Sum.fromDocument((Document) sum).count() == 0) {
                empty.add(t);
            }
        });
        return empty;
    }

    private void revertUncheckpointedTail(String runId, long checkpoint) {
        UndoApplier applier = new UndoApplier(writers, undo);
        List<MongoUndoLog.Entry> tail = undo.entriesAfter(runId, checkpoint);
        for (MongoUndoLog.Entry entry : tail) {
            if (!entry.undone()) { // marked once applied: a revert interrupted after discarding pre-images resumes
                applier.apply(entry);
                undo.markUndone(entry);
            }
        }
        undo.discardAfter(runId, checkpoint);
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

    private void refuseChangedPlan(Document run) {
        if (!plan.hash().equals(run.getString("planHash"))) {
            throw new FerryException("The unfinished run " + run.getString("_id") + " of " + plan.name()
                    + " was made with another version of the plan (hash " + run.getString("planHash") + ", now "
                    + plan.hash() + "). Restore that plan file to resume it, or roll the run back first"
                    + " (ferry rollback --run " + run.getString("_id") + ").");
        }
    }

    private Document newRunDocument(String runId, String owner, Identity me, List<String> targets) {
        Document preRun = new Document();
        for (String t : targets) {
            preRun.append(t, writers.get(t).checksum().toDocument());
        }
        return new Document("_id", runId).append("plan", plan.name()).append("planHash", plan.hash())
                .append("state", RunState.RUNNING.name()).append("owner", owner).append("operator", me.operator())
                .append("host", me.host()).append("startedAt", new Date()).append("database", store.databaseName())
                .append("source", plan.source().collection()).append("sourceFilter", plan.source().filter())
                .append("sourceStore", plan.source().store().name().toLowerCase())
                .append("sourceKey", plan.source().key()).append("targets", targets)
                .append("batchSize", plan.batch().size()).append("preRun", preRun)
                .append("batch", 0L).append("processed", 0L).append("quarantined", 0L).append("message", "");
    }

}
