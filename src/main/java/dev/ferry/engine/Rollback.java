package dev.ferry.engine;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dev.ferry.FerryException;
import dev.ferry.plan.Plan;
import dev.ferry.store.mongo.DocumentChecksum;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.store.mongo.MongoUndoLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes a run by replaying its undo log in reverse, batch by batch (delete what it inserted, put back the
 * pre-images of what it replaced), then verifies each target against the checksum taken before the run and the
 * source against the checksum of what the run read. Re-running an interrupted rollback continues where it stopped.
 */
final class Rollback {

    private static final Logger LOG = LoggerFactory.getLogger(Rollback.class);

    private final MongoStore store;
    private final Plan plan;
    private final RunListener listener;
    private final MongoLease heldLease;
    private final MongoJournal journal;
    private final MongoUndoLog undo;
    private final Duration leaseTtl;

    /** @param heldLease the run's own lease when a guardrail rolls back in the same process, else null */
    Rollback(MongoStore store, Plan plan, RunListener listener, MongoLease heldLease) {
        this(store, plan, listener, heldLease, Duration.ofSeconds(60));
    }

    Rollback(MongoStore store, Plan plan, RunListener listener, MongoLease heldLease, Duration leaseTtl) {
        this.store = store;
        this.plan = plan;
        this.listener = listener;
        this.heldLease = heldLease;
        this.leaseTtl = leaseTtl;
        this.journal = new MongoJournal(store);
        this.undo = new MongoUndoLog(store);
    }

    /** The run a rollback would undo: the named one, or the plan's latest; only the latest run can be undone. */
    Document target(String runId) {
        Document latest = journal.latestRun(plan.name()).orElseThrow(() -> new FerryException(
                "Plan " + plan.name() + " has no run in " + store.databaseName() + ": there is nothing to roll back."));
        if (runId != null && !runId.equals(latest.getString("_id"))) {
            Document named = journal.findRun(runId).orElseThrow(() -> new FerryException(
                    "There is no run " + runId + " of plan " + plan.name() + " (see ferry history)."));
            throw new FerryException("Run " + named.getString("_id") + " is not the latest run of " + plan.name()
                    + "; undoing it would overwrite what run " + latest.getString("_id")
                    + " wrote after it. Roll back " + latest.getString("_id") + " first.");
        }
        return latest;
    }

    RollbackPreview preview(String runId) {
        Document run = target(runId);
        Map<String, Long> toDelete = new LinkedHashMap<>();
        Map<String, Long> toRestore = new LinkedHashMap<>();
        undo.pending(run.getString("_id")).forEach((t, counts) -> {
            toDelete.put(t, counts[0]);
            toRestore.put(t, counts[1]);
        });
        return new RollbackPreview(run.getString("_id"), plan.name(), store.databaseName(),
                RunState.valueOf(run.getString("state")), toDelete, toRestore);
    }

    RollbackReport execute(String runId) {
        Document run = target(runId);
        String id = run.getString("_id");
        Identity me = Identity.current();
        MongoLease lease = heldLease != null ? heldLease
                : new MongoLease(store, plan.name(), me.owner("rollback-" + id), leaseTtl);
        if (heldLease == null) {
            lease.tryAcquire(id, me.host(), me.operator()).ifPresent(holder -> {
                throw new LeaseHeldException(plan.name(), holder);
            });
        }
        try {
            return undoRun(run);
        } finally {
            if (heldLease == null) {
                lease.release();
            }
        }
    }

    private RollbackReport undoRun(Document run) {
        String id = run.getString("_id");
        Instant start = Instant.now();
        journal.updateRun(id, new Document("state", RunState.ROLLING_BACK.name()));
        listener.on(new RunEvent.StateChanged(start, id, RunState.ROLLING_BACK, "rolling back"));
        long total = undo.pending(id).values().stream().mapToLong(c -> c[0] + c[1]).sum();
        listener.on(new RunEvent.Started(start, id, plan.name(), total, 0, false));
        Map<String, Long> deleted = new LinkedHashMap<>();
        Map<String, Long> restored = new LinkedHashMap<>();
        long done = 0;
        for (Document raw : undo.entriesNewestFirst(id)) {
            MongoUndoLog.Entry entry = MongoUndoLog.entry(raw);
            if (entry.undone()) {
                continue;
            }
            MongoCollection<Document> target = store.collection(entry.target());
            if (!entry.inserted().isEmpty()) {
                long n = target.deleteMany(in("_id", entry.inserted())).getDeletedCount();
                deleted.merge(entry.target(), n, Long::sum);
            }
            restored.merge(entry.target(), restore(id, entry, target), Long::sum);
            undo.markUndone(entry);
            done += entry.inserted().size() + entry.replaced().size();
            listener.on(new RunEvent.UndoProgress(Instant.now(), id, done, total));
        }
        List<String> verification = new ArrayList<>();
        boolean verified = verify(run, verification);
        String message = verified ? "rolled back; targets match their pre-run checksums"
                : "rolled back, but verification found differences: " + String.join("; ", verification);
        journal.updateRun(id, new Document("state", RunState.ROLLED_BACK.name()).append("message", message)
                .append("rolledBackAt", new Date()).append("rollbackVerified", verified));
        listener.on(new RunEvent.StateChanged(Instant.now(), id, RunState.ROLLED_BACK, message));
        LOG.info("run {} of plan {}: {}", id, plan.name(), message);
        return new RollbackReport(id, plan.name(), RunState.ROLLED_BACK, deleted, restored, verified, verification,
                Duration.between(start, Instant.now()));
    }

    private long restore(String runId, MongoUndoLog.Entry entry, MongoCollection<Document> target) {
        if (entry.replaced().isEmpty()) {
            return 0;
        }
        Map<Object, Document> images = undo.preImages(runId, entry.target(), entry.replaced());
        List<WriteModel<Document>> writes = new ArrayList<>(images.size());
        for (Object key : entry.replaced()) {
            Document pre = images.get(key);
            if (pre == null) {
                throw new FerryException("The undo log of run " + runId + " has no pre-image for " + Keys.display(key)
                        + " in " + entry.target() + "; the rollback stopped before changing it. Restore that document"
                        + " from a backup, or contact support with this run id.");
            }
            writes.add(new ReplaceOneModel<>(eq("_id", key), pre, new ReplaceOptions().upsert(true)));
        }
        target.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        return writes.size();
    }

    /** Each target's checksum now against before the run; the source's against what the run read of it. */
    private boolean verify(Document run, List<String> lines) {
        boolean ok = true;
        Document preRun = run.get("preRun", Document.class);
        for (String t : run.getList("targets", String.class)) {
            DocumentChecksum.Sum before = DocumentChecksum.Sum.fromDocument(preRun.get(t, Document.class));
            DocumentChecksum.Sum now = sum(store.collection(t), new Document());
            boolean match = before.equals(now);
            ok &= match;
            lines.add(t + ": before the run " + before + "; now " + now + (match ? " — match" : " — DIFFERENT"));
        }
        Object lastKey = run.get("lastKey");
        if (lastKey != null) {
            DocumentChecksum.Sum read = DocumentChecksum.Sum.fromDocument(run.get("sourceSum", Document.class));
            DocumentChecksum.Sum now = DocumentChecksum.Sum.EMPTY;
            for (RawBsonDocument d : store.collection(plan.source().collection())
                    .withDocumentClass(RawBsonDocument.class)
                    .find(and(plan.source().filter(), lte(plan.source().key(), lastKey))).batchSize(1000)) {
                now = now.addStored(d);
            }
            boolean match = read.equals(now);
            ok &= match;
            lines.add(plan.source().collection() + " (source, the records the run read): " + read + "; now " + now
                    + (match ? " — unchanged" : " — CHANGED since the run read it"));
        }
        return ok;
    }

    private static DocumentChecksum.Sum sum(MongoCollection<Document> collection, org.bson.conversions.Bson filter) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (Document d : collection.find(filter).batchSize(1000)) {
            sum = sum.add(d);
        }
        return sum;
    }
}
