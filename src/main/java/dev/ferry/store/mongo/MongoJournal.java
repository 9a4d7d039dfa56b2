package dev.ferry.store.mongo;

import dev.ferry.store.DocumentChecksum;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The journal of runs, kept in the target database beside the data it describes:
 * {@code ferry_runs} (one document per run, its state and last checkpoint), {@code ferry_batches},
 * {@code ferry_quarantine} (records that could not be migrated, with the reason and the source record).
 */
public final class MongoJournal {

    public static final String RUNS = "ferry_runs";
    public static final String BATCHES = "ferry_batches";
    public static final String QUARANTINE = "ferry_quarantine";
    public static final String DRY_RUNS = "ferry_dry_runs";
    /** A quarantined record larger than this is not copied into its entry (which must stay under 16 MB). */
    static final int SOURCE_COPY_LIMIT = 15 * 1024 * 1024;

    private final MongoStore store;

    public MongoJournal(MongoStore store) {
        this.store = store;
    }

    public MongoCollection<Document> runs() {
        return store.collection(RUNS);
    }

    public MongoCollection<Document> batches() {
        return store.collection(BATCHES);
    }

    public MongoCollection<Document> quarantine() {
        return store.collection(QUARANTINE);
    }

    /** The most recently started run of a plan, if any. */
    public Optional<Document> latestRun(String plan) {
        return Optional.ofNullable(runs().find(eq("plan", plan)).sort(descending("startedAt")).first());
    }

    public Optional<Document> findRun(String runId) {
        return Optional.ofNullable(runs().find(eq("_id", runId)).first());
    }

    /** Runs newest first: of one plan, or of every plan when {@code plan} is null. */
    public List<Document> runsNewestFirst(String plan, int limit) {
        return runs().find(plan == null ? new Document() : eq("plan", plan)).sort(descending("startedAt"))
                .limit(limit).batchSize(limit).into(new ArrayList<>());
    }

    public void insertRun(Document run) {
        runs().insertOne(run);
    }

    /**
     * Sets fields of a run only while {@code owner} still owns it (the run document names its lease holder). False
     * when another process took the run over: the caller has lost its lease and must stop writing.
     */
    public boolean updateRunAsOwner(String runId, String owner, Document fields) {
        return runs().updateOne(and(eq("_id", runId), eq("owner", owner)),
                new Document("$set", new Document(fields).append("updatedAt", new Date()))).getMatchedCount() == 1;
    }

    /**
     * Journals a run that stopped waiting for its database as paused, with the reason, unless it moved on meanwhile
     * (another process took it over, or it ended). True when it did.
     *
     * @param owners the lease owners of this process's attempts at the run: the journal names the last that opened it
     */
    public boolean markPaused(String runId, List<String> owners, String message) {
        return runs().updateOne(and(eq("_id", runId), in("owner", owners), in("state", "RUNNING", "INTERRUPTED")),
                new Document("$set", new Document("state", "PAUSED").append("message", message)
                        .append("updatedAt", new Date()))).getMatchedCount() == 1;
    }

    /** Indexes for the journal's own queries, so that they stay fast as runs grow. Idempotent. */
    public void createIndexes() {
        runs().createIndex(Indexes.compoundIndex(Indexes.ascending("plan"), Indexes.descending("startedAt")));
        quarantine().createIndex(Indexes.compoundIndex(Indexes.ascending("run"), Indexes.ascending("batch")));
        batches().createIndex(Indexes.compoundIndex(Indexes.ascending("run"), Indexes.ascending("batch")));
    }

    /** Forgets the quarantine entries and batch records after {@code batch}: their batch is being replayed. */
    public void discardAfter(String runId, long batch) {
        quarantine().deleteMany(and(eq("run", runId), gt("batch", batch)));
        batches().deleteMany(and(eq("run", runId), gt("batch", batch)));
    }

    /**
     * Records the run's latest validation verdict in its {@code validation} field, replacing an earlier one. Leaves
     * {@code updatedAt} alone: validating a run does not change what the run did.
     */
    public void recordValidation(String runId, Document verdict) {
        runs().updateOne(eq("_id", runId), new Document("$set", new Document("validation", verdict)));
    }

    /** Sets fields of a run (its checkpoint, state, counters) in one atomic update, stamping {@code updatedAt}. */
    public void updateRun(String runId, Document fields) {
        runs().updateOne(eq("_id", runId), new Document("$set", new Document(fields).append("updatedAt", new Date())));
    }

    /** Records one batch; replaying the batch after a crash replaces its record rather than adding another. */
    public void recordBatch(String runId, long batch, Document fields) {
        String id = runId + "/" + batch;
        batches().replaceOne(eq("_id", id), new Document("_id", id).append("run", runId).append("batch", batch)
                .append("at", new Date()).append("stats", fields), new ReplaceOptions().upsert(true));
    }

    /** Puts records in quarantine, keyed by run and source key, so a replayed batch does not add them twice. */
    public void quarantine(String runId, String plan, long batch, List<Document> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<ReplaceOneModel<Document>> writes = new ArrayList<>(entries.size());
        for (Document e : entries) {
            Document id = new Document("run", runId).append("key", e.get("key"));
            Document entry = new Document("_id", id).append("run", runId).append("plan", plan).append("batch", batch)
                    .append("at", new Date()).append("key", e.get("key")).append("reason", e.get("reason"))
                    .append("errors", e.get("errors"));
            Document source = e.get("source", Document.class);
            int size = source == null ? 0 : DocumentChecksum.bsonSize(source);
            if (size > SOURCE_COPY_LIMIT) {
                entry.append("sourceOmitted", "the record is " + size + " bytes, too large to copy here; it is"
                        + " unchanged in the source: find it by its key");
            } else {
                entry.append("source", source);
            }
            writes.add(new ReplaceOneModel<>(eq("_id", id), entry, new ReplaceOptions().upsert(true)));
        }
        quarantine().bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    public void recordDryRun(Document dryRun) {
        store.collection(DRY_RUNS).insertOne(dryRun);
    }

    /** The latest dry run of this exact plan version (same hash), if any. */
    public Optional<Document> latestDryRun(String plan, String planHash) {
        return Optional.ofNullable(store.collection(DRY_RUNS).find(and(eq("plan", plan), eq("planHash", planHash)))
                .sort(descending("at")).first());
    }

    /** The source keys a run put in quarantine (as stored: the key's own BSON value). */
    public List<Object> quarantinedKeys(String runId) {
        List<Object> keys = new ArrayList<>();
        for (Document q : quarantine().find(eq("run", runId)).batchSize(1000)) {
            keys.add(q.get("key"));
        }
        return keys;
    }
}
