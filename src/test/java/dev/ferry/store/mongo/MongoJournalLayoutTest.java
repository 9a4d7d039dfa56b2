package dev.ferry.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.journal.BatchRecord;
import dev.ferry.store.journal.Checkpoint;
import dev.ferry.store.journal.DryRunRecord;
import dev.ferry.store.journal.LeaseRecord;
import dev.ferry.store.journal.PendingUndo;
import dev.ferry.store.journal.QuarantineEntry;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.store.journal.UndoEntry;
import dev.ferry.store.journal.VerdictRecord;
import dev.ferry.testing.InProcessMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Journals written by earlier versions are read unchanged, and what this version writes has their layout: the
 * documents below are written by hand exactly as the engine wrote them before the journal had an interface (and as
 * a run from before the plan hash, the source store or the verdict wrote them, with those fields missing).
 */
class MongoJournalLayoutTest {

    private static final Date STARTED = new Date(1_764_583_200_000L);
    private InProcessMongo mongo;
    private MongoStore store;
    private MongoDatabase db;
    private MongoJournal journal;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
        store = MongoStore.connect(mongo.uri("legacy"));
        db = mongo.database("legacy");
        journal = new MongoJournal(store);
    }

    @AfterEach
    void stop() {
        store.close();
        mongo.close();
    }

    @Test
    void anEarlierVersionsRunIsReadAsItWasWritten() {
        ObjectId lastKey = new ObjectId("65f1c0ffee0000000000abcd");
        db.getCollection("ferry_runs").insertOne(new Document("_id", "run-20261201-100000-abc123")
                .append("plan", "split-user-data").append("planHash", "9f2c").append("state", "PAUSED")
                .append("owner", "dba@box:4242/split-user-data#1a2b3c4d").append("operator", "dba").append("host", "box")
                .append("startedAt", STARTED).append("database", "legacy").append("source", "user_data")
                .append("sourceFilter", new Document("archived", new Document("$ne", true)))
                .append("sourceStore", "mongo").append("sourceKey", "_id")
                .append("targets", List.of("dataset_metadata", "transformation_configs")).append("batchSize", 1000)
                .append("preRun", new Document("dataset_metadata", new Document("count", 0L).append("sum", 0L))
                        .append("transformation_configs", new Document("count", 2L).append("sum", -77L)))
                .append("batch", 3L).append("processed", 3000L).append("quarantined", 2L).append("message", "paused")
                .append("lastKey", lastKey).append("total", 10523L)
                .append("written", new Document("dataset_metadata", 2998L).append("transformation_configs", 2998L))
                .append("sourceSum", new Document("count", 3000L).append("sum", 123456789L))
                .append("elapsedMs", 5400L).append("updatedAt", new Date(STARTED.getTime() + 6000))
                .append("validation", new Document("at", new Date(STARTED.getTime() + 9000)).append("passed", 3)
                        .append("mismatched", 1).append("cannotCheck", 0).append("summary", "1 mismatched of 4")));
        // a run from before plan hashes, source stores and verdicts
        db.getCollection("ferry_runs").insertOne(new Document("_id", "run-20251101-090000-aaaaaa")
                .append("plan", "split-user-data").append("state", "ROLLED_BACK").append("owner", "x")
                .append("operator", "dba").append("host", "box").append("startedAt", new Date(STARTED.getTime() - 1000))
                .append("database", "legacy").append("source", "user_data").append("targets", List.of("a"))
                .append("batchSize", 500).append("preRun", new Document("a", new Document("count", 0L).append("sum", 0L)))
                .append("batch", 0L).append("processed", 0L).append("quarantined", 0L).append("message", "")
                .append("rolledBackAt", new Date(STARTED.getTime() - 500)).append("rollbackVerified", true));

        List<RunRecord> runs = journal.runs().newestFirst("split-user-data", 10);
        assertThat(runs).extracting(RunRecord::runId)
                .containsExactly("run-20261201-100000-abc123", "run-20251101-090000-aaaaaa");
        RunRecord run = runs.get(0);
        assertThat(run.state()).isEqualTo("PAUSED");
        assertThat(run.source().filter()).isEqualTo(new Document("archived", new Document("$ne", true)));
        assertThat(run.preRun()).containsEntry("transformation_configs", new DocumentChecksum.Sum(2, -77));
        assertThat(run.checkpoint()).isEqualTo(new Checkpoint(3, lastKey, 3000, 2, 10523,
                Map.of("dataset_metadata", 2998L, "transformation_configs", 2998L),
                new DocumentChecksum.Sum(3000, 123456789L), 5400));
        assertThat(run.verdict()).isEqualTo(new VerdictRecord(Instant.ofEpochMilli(STARTED.getTime() + 9000), 3, 1, 0,
                "1 mismatched of 4"));
        RunRecord old = runs.get(1);
        assertThat(old.planHash()).isNull();
        assertThat(old.source().store()).isEqualTo("mongo");
        assertThat(old.source().key()).isNull();
        assertThat(old.verdict()).isNull();
        assertThat(old.rollbackVerified()).isTrue();
        assertThat(old.checkpoint()).isEqualTo(Checkpoint.START);
    }

    @Test
    void anEarlierVersionsUndoLogQuarantineLeaseAndDryRunAreRead() {
        db.getCollection("ferry_undo").insertOne(new Document("_id", "run-1/2/dataset_metadata").append("run", "run-1")
                .append("owner", "o").append("batch", 2L).append("target", "dataset_metadata")
                .append("inserted", List.of(1, 2)).append("replaced", List.of(3)).append("undone", false));
        db.getCollection("ferry_undo_images").insertOne(new Document("_id", new Document("run", "run-1")
                .append("target", "dataset_metadata").append("key", 3)).append("run", "run-1").append("batch", 2L)
                .append("pre", new Document("_id", 3).append("name", "before")));
        db.getCollection("ferry_quarantine").insertOne(new Document("_id", new Document("run", "run-1").append("key", 9))
                .append("run", "run-1").append("plan", "p").append("batch", 2L).append("at", STARTED).append("key", 9)
                .append("reason", "bad date").append("errors", List.of("bad date"))
                .append("source", new Document("_id", 9).append("born", "31/02/1999")));
        db.getCollection("ferry_leases").insertOne(new Document("_id", "p").append("plan", "p").append("owner", "o")
                .append("runId", "run-1").append("host", "box").append("operator", "dba").append("acquiredAt", STARTED)
                .append("heartbeatAt", new Date()).append("expiresAt", new Date(System.currentTimeMillis() + 60_000)));
        db.getCollection("ferry_dry_runs").insertOne(new Document("plan", "p").append("planHash", "h").append("at", STARTED)
                .append("sourceRecords", 10523L).append("errors", 5L).append("estimatedMs", 42_000L)
                .append("estimatedBytes", 9_000_000L));

        // entries from before content hashes: no insertedHashes
        assertThat(journal.undo().after("run-1", 0)).containsExactly(new UndoEntry("run-1", 2, "dataset_metadata",
                List.of(1, 2), List.of(), List.of(3), false));
        assertThat(journal.undo().preImages("run-1", "dataset_metadata", List.of(3)).values())
                .containsExactly(new Document("_id", 3).append("name", "before"));
        assertThat(journal.undo().pending("run-1")).containsExactly(Map.entry("dataset_metadata", new PendingUndo(2, 1)));
        assertThat(journal.quarantine().entries("run-1", 10)).containsExactly(new QuarantineEntry(9, "bad date",
                List.of("bad date"), new Document("_id", 9).append("born", "31/02/1999")));
        assertThat(journal.leases().holder("p")).get().extracting(LeaseRecord::owner, LeaseRecord::runId)
                .containsExactly("o", "run-1");
        assertThat(journal.dryRuns().latest("p", "h")).contains(new DryRunRecord("p", "h", STARTED.toInstant(), 10523,
                5, 42_000, 9_000_000));
    }

    @Test
    void whatThisVersionWritesHasTheEarlierLayout() {
        journal.runs().insert(RunRecord.started("run-1", "p", "h", "o#1", "dba", "box", "legacy",
                new dev.ferry.store.journal.RunSource("user_data", new Document(), "_id", "mongo"), List.of("a"), 1000,
                Map.of("a", DocumentChecksum.Sum.EMPTY), STARTED.toInstant()));
        journal.runs().checkpoint("run-1", "o#1", new Checkpoint(1, 7, 1000, 1, 2000, Map.of("a", 999L),
                new DocumentChecksum.Sum(1000, 5), 700));
        Document run = db.getCollection("ferry_runs").find().first();
        assertThat(run.keySet()).contains("_id", "plan", "planHash", "state", "owner", "operator", "host", "startedAt",
                "database", "source", "sourceFilter", "sourceStore", "sourceKey", "targets", "batchSize", "preRun",
                "batch", "processed", "quarantined", "message", "lastKey", "total", "written", "sourceSum", "elapsedMs",
                "updatedAt");
        assertThat(run.get("lastKey")).isEqualTo(7);
        assertThat(run.get("sourceSum", Document.class)).isEqualTo(new Document("count", 1000L).append("sum", 5L));

        journal.batches().record(new BatchRecord("run-1", 1, Instant.now(), 1000, 1, 80, Map.of("a", 999L)));
        assertThat(db.getCollection("ferry_batches").find().first().get("stats", Document.class).keySet())
                .startsWith("read", "quarantined", "ms", "written"); // the earlier layout, and what watchers read since
        journal.undo().save(new UndoEntry("run-1", 1, "a", List.of(1), List.of(5), List.of(2), false),
                Map.of(2, new Document("_id", 2)), "o#1");
        assertThat(db.getCollection("ferry_undo").find().first()).containsEntry("_id", "run-1/1/a")
                .containsKeys("run", "owner", "batch", "target", "inserted", "insertedHashes", "replaced", "undone");
        assertThat(db.getCollection("ferry_undo_images").find().first().get("_id", Document.class))
                .isEqualTo(new Document("run", "run-1").append("target", "a").append("key", 2));
        journal.quarantine().put("run-1", "p", 1, List.of(new QuarantineEntry(8, "r", List.of("r"), new Document("_id", 8))));
        assertThat(db.getCollection("ferry_quarantine").find().first().get("_id"))
                .isEqualTo(new Document("run", "run-1").append("key", 8));
        journal.leases().lease("p", "o#1", Duration.ofMinutes(1)).tryAcquire("run-1", "box", "dba");
        assertThat(db.getCollection("ferry_leases").find().first()).containsEntry("_id", "p")
                .containsKeys("owner", "runId", "host", "operator", "acquiredAt", "heartbeatAt", "expiresAt");
    }
}
