package dev.ferry.store.mongo;

import dev.ferry.store.journal.EventLog;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.Requests;
import dev.ferry.store.journal.Workers;
import dev.ferry.store.journal.ScratchJournal;
import java.util.UUID;

/**
 * The journal in a MongoDB database, beside the data it describes, in collections of its own: {@code ferry_runs}
 * (one document per run: its state and last checkpoint), {@code ferry_batches}, {@code ferry_undo} and
 * {@code ferry_undo_images} (GridFS {@code ferry_undo_blobs} for pre-images too large to wrap), {@code
 * ferry_quarantine}, {@code ferry_leases}, {@code ferry_dry_runs}, {@code ferry_requests}, {@code ferry_events},
 * {@code ferry_workers}, {@code ferry_target_keys}, {@code ferry_partitions}, {@code ferry_evidence}. Documents keep the layout of every earlier version, so journals
 * written before this interface are read unchanged.
 */
public class MongoJournal implements Journal {

    public static final String PREFIX = "ferry_";
    public static final String RUNS = PREFIX + "runs";
    public static final String BATCHES = PREFIX + "batches";
    public static final String QUARANTINE = PREFIX + "quarantine";
    public static final String DRY_RUNS = PREFIX + "dry_runs";
    public static final String UNDO = PREFIX + "undo";
    public static final String IMAGES = PREFIX + "undo_images";
    public static final String BLOBS = PREFIX + "undo_blobs";
    public static final String LEASES = PREFIX + "leases";
    public static final String EVIDENCE = PREFIX + "evidence";
    public static final String PARTITIONS = PREFIX + "partitions";
    public static final String REQUESTS = PREFIX + "requests";
    public static final String EVENTS = PREFIX + "events";
    public static final String WORKERS = PREFIX + "workers";
    public static final String TARGET_KEYS = PREFIX + "target_keys";

    final MongoStore store;
    private final String prefix;
    private final MongoRuns runs;
    private final MongoBatches batches;
    private final MongoUndoLog undo;
    private final MongoQuarantine quarantine;
    private final MongoLeases leases;
    private final MongoDryRuns dryRuns;
    private final MongoEvidence evidence;
    private final MongoPartitions partitions;
    private final MongoRequests requests;
    private final MongoEventLog events;
    private final MongoWorkers workers;
    private final MongoTargetKeys targetKeys;
    private final MongoCreatedObjects created;

    public MongoJournal(MongoStore store) {
        this(store, PREFIX);
    }

    /** A journal whose collections are named {@code prefix + "runs"}, … (a scratch journal's prefix is its own). */
    MongoJournal(MongoStore store, String prefix) {
        this.store = store;
        this.prefix = prefix;
        this.runs = new MongoRuns(store.collection(prefix + "runs"));
        this.created = new MongoCreatedObjects(store.collection(prefix + "runs"));
        this.batches = new MongoBatches(store.collection(prefix + "batches"));
        this.undo = new MongoUndoLog(store, prefix);
        this.quarantine = new MongoQuarantine(store.collection(prefix + "quarantine"));
        this.leases = new MongoLeases(store.collection(prefix + "leases"));
        this.dryRuns = new MongoDryRuns(store.collection(prefix + "dry_runs"));
        this.evidence = new MongoEvidence(store.collection(prefix + "evidence"));
        this.partitions = new MongoPartitions(store.collection(prefix + "partitions"));
        this.requests = new MongoRequests(store.collection(prefix + "requests"));
        this.events = new MongoEventLog(store.collection(prefix + "events"));
        this.workers = new MongoWorkers(store.collection(prefix + "workers"));
        this.targetKeys = new MongoTargetKeys(store.collection(prefix + "target_keys"));
    }

    @Override
    public MongoRuns runs() {
        return runs;
    }

    @Override
    public MongoBatches batches() {
        return batches;
    }

    @Override
    public MongoUndoLog undo() {
        return undo;
    }

    @Override
    public MongoQuarantine quarantine() {
        return quarantine;
    }

    @Override
    public MongoLeases leases() {
        return leases;
    }

    @Override
    public dev.ferry.store.journal.CreatedObjects created() {
        return created;
    }

    @Override
    public MongoDryRuns dryRuns() {
        return dryRuns;
    }

    @Override
    public MongoEvidence evidence() {
        return evidence;
    }

    @Override
    public MongoPartitions partitions() {
        return partitions;
    }

    @Override
    public Requests requests() {
        return requests;
    }

    @Override
    public EventLog events() {
        return events;
    }

    @Override
    public Workers workers() {
        return workers;
    }

    @Override
    public MongoTargetKeys targetKeys() {
        return targetKeys;
    }

    /** Indexes for the journal's own queries, so that they stay fast as runs grow. Idempotent. */
    @Override
    public void prepare() {
        runs.createIndexes();
        quarantine.createIndexes();
        batches.createIndexes();
        undo.createIndexes();
        evidence.createIndexes();
        partitions.createIndexes();
        requests.createIndexes();
        events.createIndexes();
        workers.createIndexes();
        targetKeys.createIndexes();
    }

    @Override
    public void discardAfter(String runId, long batch) {
        undo.discardAfter(runId, batch);
        quarantine.discardAfter(runId, batch);
        batches.discardAfter(runId, batch);
        targetKeys.discardAfter(runId, batch);
    }

    @Override
    public void discardBetween(String runId, long batch, long upTo) {
        undo.discardBetween(runId, batch, upTo);
        quarantine.discardBetween(runId, batch, upTo);
        batches.discardBetween(runId, batch, upTo);
        targetKeys.discardBetween(runId, batch, upTo);
    }

    @Override
    public String databaseName() {
        return store.databaseName();
    }

    @Override
    public String location() {
        return "MongoDB database " + store.databaseName() + " (collections " + prefix + "*)";
    }

    @Override
    public ScratchJournal scratch() {
        return new Scratch(store, PREFIX + "dry_run_scratch_" + UUID.randomUUID().toString().substring(0, 8) + "_");
    }

    /** A journal in collections of its own prefix, dropped on close. */
    private static final class Scratch extends MongoJournal implements ScratchJournal {
        private final String prefix;

        Scratch(MongoStore store, String prefix) {
            super(store, prefix);
            this.prefix = prefix;
        }

        @Override
        public void close() {
            for (String name : store.database().listCollectionNames()) {
                if (name.startsWith(prefix)) { // dropping a missing collection makes some servers log an error
                    store.collection(name).drop();
                }
            }
        }
    }
}
