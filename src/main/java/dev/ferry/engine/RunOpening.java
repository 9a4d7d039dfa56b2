package dev.ferry.engine;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.or;

import dev.ferry.FerryException;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.mongo.DocumentChecksum;
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
    private final Plan plan;
    private final MongoJournal journal;
    private final MongoUndoLog undo;

    RunOpening(MongoStore store, Plan plan) {
        this.store = store;
        this.plan = plan;
        this.journal = new MongoJournal(store);
        this.undo = new MongoUndoLog(store);
    }

    /**
     * @param emptyAtStart targets that held no document when the run began: their writes need no existence lookup
     *                     (a key another writer took meanwhile still gets its pre-image, via the duplicate-key path)
     */
    record Opened(String runId, RunProgress progress, boolean resumed, Set<String> emptyAtStart) { }

    Opened open(String owner, Identity me) {
        journal.createIndexes();
        undo.createIndexes();
        refuseRecordsWithoutKey();
        List<String> targets = plan.targets().stream().map(TargetSpec::collection).toList();
        Optional<Document> latest = journal.latestRun(plan.name());
        if (latest.isPresent() && RunState.valueOf(latest.get().getString("state")) == RunState.ROLLING_BACK) {
            throw new FerryException("The rollback of run " + latest.get().getString("_id") + " of " + plan.name()
                    + " did not finish. Finish it first (ferry rollback --plan …), then run the plan again.");
        }
        Optional<Document> unfinished = latest.filter(r -> RunState.valueOf(r.getString("state")).resumable());
        if (unfinished.isEmpty()) {
            String runId = newRunId();
            Document run = newRunDocument(runId, owner, me, targets);
            journal.insertRun(run);
            return new Opened(runId, RunProgress.fresh(targets), false, emptyAtStart(run));
        }
        Document run = unfinished.get();
        refuseChangedPlan(run);
        String runId = run.getString("_id");
        journal.updateRun(runId, new Document("state", RunState.RUNNING.name()).append("owner", owner)
                .append("message", "resumed by " + me.operator() + " on " + me.host()).append("endedAt", null));
        RunProgress progress = RunProgress.fromRun(run, targets);
        revertUncheckpointedTail(runId, progress.batch);
        return new Opened(runId, progress, true, emptyAtStart(run));
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
        UndoApplier applier = new UndoApplier(store, undo);
        List<MongoUndoLog.Entry> tail = undo.entriesAfter(runId, checkpoint);
        for (MongoUndoLog.Entry entry : tail) {
            applier.apply(entry);
        }
        undo.discardAfter(runId, checkpoint);
        journal.discardAfter(runId, checkpoint);
        if (!tail.isEmpty()) {
            LOG.info("run {}: reverted {} undo entries written after the checkpoint of batch {}", runId, tail.size(),
                    checkpoint);
        }
    }

    /** Records without a key cannot be paginated or resumed: refuse them by name rather than skip them silently. */
    private void refuseRecordsWithoutKey() {
        String key = plan.source().key();
        if ("_id".equals(key)) {
            return;
        }
        var keyless = and(plan.source().filter(), or(exists(key, false), eq(key, null)));
        long count = store.collection(plan.source().collection()).countDocuments(keyless);
        if (count > 0) {
            Document first = store.collection(plan.source().collection()).find(keyless).first();
            throw new FerryException(count + " records of " + plan.source().collection() + " have no value for the"
                    + " plan's key " + key + " (the first has _id " + SourceKeys.render(first.get("_id")) + "). Give"
                    + " them a key, exclude them with the plan's source filter, or use a key every record has.");
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
            DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
            for (Document d : store.collection(t).find().batchSize(1000)) {
                sum = sum.add(d);
            }
            preRun.append(t, sum.toDocument());
        }
        return new Document("_id", runId).append("plan", plan.name()).append("planHash", plan.hash())
                .append("state", RunState.RUNNING.name()).append("owner", owner).append("operator", me.operator())
                .append("host", me.host()).append("startedAt", new Date()).append("database", store.databaseName())
                .append("source", plan.source().collection()).append("sourceFilter", plan.source().filter())
                .append("sourceKey", plan.source().key()).append("targets", targets)
                .append("batchSize", plan.batch().size()).append("preRun", preRun)
                .append("batch", 0L).append("processed", 0L).append("quarantined", 0L).append("message", "");
    }

    static String newRunId() {
        return "run-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
    }
}
