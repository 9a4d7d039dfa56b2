package dev.ferry.engine.split;

import dev.ferry.engine.LeaseHeldException;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.runtime.LeaseLostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.ferry.plan.BatchSpec;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.plan.RollbackSpec;
import dev.ferry.plan.SourceSpec;
import dev.ferry.plan.TargetSpec;
import dev.ferry.testing.InProcessMongo;
import dev.ferry.transform.FieldError;
import dev.ferry.transform.MappedRecord;
import dev.ferry.transform.RecordMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs that crash, resume differently, race, stall or meet odd keys and huge documents: each must leave nothing
 * lost and everything undoable. (These began as a reviewer's failing demonstrations.)
 */
class RunSafetyTest {

    private InProcessMongo mongo;
    private MongoDatabase db;
    private SplitEngine ferry;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
        db = mongo.database("app");
        ferry = SplitEngine.connect(mongo.uri("app")).withCompiler(p -> TestPlans.MAPPER).withLeaseTtl(Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        ferry.close();
        mongo.close();
    }

    /** Cancels after batch 2, then rewinds the checkpoint to batch 1: "killed after batch 2's writes, before its checkpoint". */
    private String crashAfterWritesOfBatch2(Plan plan) {
        RunControl control = new RunControl();
        RunReport first = ferry.run(plan, control, e -> {
            if (e instanceof RunEvent.BatchDone b && b.batch() == 2) {
                control.cancel("simulated kill");
            }
        });
        db.getCollection("ferry_runs").updateOne(new Document("_id", first.runId()), new Document("$set",
                new Document("state", "RUNNING").append("batch", 1L).append("lastKey", 99).append("processed", 100L)
                        .append("written", new Document("people", 100L).append("tags", 100L))
                        .append("sourceSum", new Document("count", 100L).append("sum", sourceSumOfFirst(100)))));
        return first.runId();
    }

    private long sourceSumOfFirst(int n) {
        long sum = 0;
        for (org.bson.RawBsonDocument d : db.getCollection("src").withDocumentClass(org.bson.RawBsonDocument.class)
                .find().sort(new Document("_id", 1)).limit(n)) {
            sum += dev.ferry.store.DocumentChecksum.ofStored(d);
        }
        return sum;
    }

    @Test
    void resumingWithASmallerBatchSizeStillRollsBackEverything() {
        db.getCollection("src").insertMany(TestPlans.sources(300));
        Plan plan = TestPlans.split("b1", 100, Guardrails.none());
        crashAfterWritesOfBatch2(plan);
        RunReport resumed = ferry.run(plan.withBatchSize(50), new RunControl(), e -> { });
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.state()).isEqualTo(RunState.COMPLETED);
        assertThat(db.getCollection("people").countDocuments()).isEqualTo(300);
        RollbackReport rb = ferry.rollback(plan, null, e -> { });
        assertThat(db.getCollection("people").countDocuments()).as("people left after rollback").isZero();
        assertThat(rb.verified()).as(String.join("\n", rb.verification())).isTrue();
    }

    @Test
    void aSourceRecordDeletedOrTurnedBadBetweenAttemptsLeavesNoOrphan() {
        db.getCollection("src").insertMany(TestPlans.sources(300));
        Plan plan = TestPlans.split("b2", 100, Guardrails.none());
        crashAfterWritesOfBatch2(plan);
        db.getCollection("src").deleteOne(new Document("_id", 150));
        db.getCollection("src").updateOne(new Document("_id", 160), new Document("$set", new Document("bad", true)));
        RunReport resumed = ferry.run(plan, new RunControl(), e -> { });
        assertThat(resumed.state()).isEqualTo(RunState.COMPLETED);
        assertThat(db.getCollection("people").countDocuments(new Document("_id", 160))).isZero();
        assertThat(db.getCollection("people").countDocuments(new Document("_id", 150))).isZero();
        assertThat(db.getCollection("ferry_quarantine").countDocuments()).isEqualTo(1);
        ferry.rollback(plan, null, e -> { });
        assertThat(db.getCollection("people").countDocuments()).isZero();
    }

    @Test
    void aFailedGuardrailRollbackStaysRollingBackUntilFinished() {
        db.getCollection("src").insertMany(TestPlans.sources(1000, 100, 101, 102, 103, 104, 105));
        Plan plan = TestPlans.split("g1", 100, new Guardrails(0.002, null, null, 200, Guardrails.BreachAction.ROLLBACK));
        AtomicBoolean failedOnce = new AtomicBoolean();
        assertThatThrownBy(() -> ferry.run(plan, new RunControl(), e -> {
            if (e instanceof RunEvent.UndoProgress && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("connection reset");
            }
        })).hasMessageContaining("rolling back");
        assertThat(ferry.history("g1").get(0).state()).isEqualTo(RunState.ROLLING_BACK);
        assertThatThrownBy(() -> ferry.run(plan, new RunControl(), e -> { })).hasMessageContaining("did not finish");

        RollbackReport finished = ferry.rollback(plan, null, e -> { });
        assertThat(finished.verified()).isTrue();
        assertThat(db.getCollection("people").countDocuments()).isZero();
        RunReport again = ferry.run(TestPlans.split("g1", 100, Guardrails.none()), new RunControl(), e -> { });
        assertThat(again.resumed()).isFalse();
        assertThat(db.getCollection("people").countDocuments()).isEqualTo(994);
    }

    @Test
    void olderRunsCanBeRolledBackOnceTheNewerOnesAre() {
        db.getCollection("src").insertMany(TestPlans.sources(300));
        Plan plan = TestPlans.split("r2", 100, Guardrails.none());
        RunReport a = ferry.run(plan, new RunControl(), e -> { });
        RunReport b = ferry.run(plan, new RunControl(), e -> { });
        assertThat(b.runId()).isNotEqualTo(a.runId());
        assertThatThrownBy(() -> ferry.rollback(plan, a.runId(), e -> { })).hasMessageContaining("Roll back " + b.runId());
        assertThat(ferry.rollback(plan, null, e -> { }).runId()).isEqualTo(b.runId());
        assertThat(db.getCollection("people").countDocuments()).isEqualTo(300);
        assertThat(ferry.rollback(plan, null, e -> { }).runId()).isEqualTo(a.runId());
        assertThat(db.getCollection("people").countDocuments()).isZero();
        assertThatThrownBy(() -> ferry.rollback(plan, null, e -> { })).hasMessageContaining("nothing to undo");
    }

    @Test
    void anIntKeyMeetingALongKeyKeepsThePreExistingDocumentUndoable() {
        db.getCollection("src").insertMany(TestPlans.sources(10));
        db.getCollection("people").insertOne(new Document("_id", 5L).append("name", "keep me"));
        Plan plan = TestPlans.split("k1", 100, Guardrails.none());
        ferry.run(plan, new RunControl(), e -> { });
        assertThat(db.getCollection("people").countDocuments()).isEqualTo(10);
        ferry.rollback(plan, null, e -> { });
        assertThat(db.getCollection("people").find().into(new ArrayList<>()))
                .containsExactly(new Document("_id", 5L).append("name", "keep me"));
    }

    static final RecordMapper DOTTED = source -> {
        Object id = source.get("meta", Document.class).get("id");
        List<FieldError> errors = new ArrayList<>();
        if (Boolean.TRUE.equals(source.get("bad"))) {
            errors.add(new FieldError("people", "name", "bad record"));
        }
        return new MappedRecord(id, Map.of("people", new Document("_id", id).append("name", source.get("name")),
                "tags", new Document("_id", id)), errors);
    };

    @Test
    void aDottedSourceKeyCheckpointsAndQuarantinesByItsValue() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            docs.add(new Document("_id", new ObjectId()).append("meta", new Document("id", i)).append("name", "p" + i)
                    .append("bad", i == 10 || i == 20 || i == 250));
        }
        db.getCollection("src").insertMany(docs);
        Plan plan = new Plan("d1", null, "hash-d1", new SourceSpec("src", null, "meta.id"), new BatchSpec(100),
                List.of(new TargetSpec("people", null, Map.of()), new TargetSpec("tags", null, Map.of())),
                Guardrails.none(), List.of(), RollbackSpec.defaults());
        SplitEngine f = ferry.withCompiler(p -> DOTTED);
        RunControl control = new RunControl();
        f.run(plan, control, e -> {
            if (e instanceof RunEvent.BatchDone b && b.batch() == 1) {
                control.cancel("pause");
            }
        });
        assertThat(db.getCollection("ferry_runs").find().first().get("lastKey")).isEqualTo(99);
        RunReport resumed = f.run(plan, new RunControl(), e -> { });
        assertThat(resumed.processed()).isEqualTo(300);
        assertThat(db.getCollection("ferry_quarantine").countDocuments()).isEqualTo(3);
        f.rollback(plan, null, e -> { });
        assertThat(db.getCollection("people").countDocuments()).isZero();
    }

    @Test
    void recordsWithoutTheKeyAreRefusedByNameNotSkipped() {
        db.getCollection("src").insertMany(List.of(new Document("_id", 1).append("meta", new Document("id", 1)),
                new Document("_id", 2).append("name", "no key")));
        Plan plan = new Plan("d2", null, "hash-d2", new SourceSpec("src", null, "meta.id"), new BatchSpec(100),
                List.of(new TargetSpec("people", null, Map.of())), Guardrails.none(), List.of(), RollbackSpec.defaults());
        assertThatThrownBy(() -> ferry.withCompiler(p -> DOTTED).run(plan, new RunControl(), e -> { }))
                .hasMessageContaining("1 records of src have no value for the plan's key meta.id")
                .hasMessageContaining("_id 2");
    }

    @Test
    void twoRunsOfOnePlanInOneProcessDoNotShareTheLease() throws Exception {
        db.getCollection("src").insertMany(TestPlans.sources(1000));
        Plan plan = TestPlans.split("l1", 100, Guardrails.none());
        RecordMapper slow = s -> {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestPlans.MAPPER.map(s);
        };
        SplitEngine f = ferry.withCompiler(p -> slow).withLeaseTtl(Duration.ofSeconds(30));
        CompletableFuture<Object> t1 = CompletableFuture.supplyAsync(() -> tryRun(f, plan));
        CompletableFuture<Object> t2 = CompletableFuture.supplyAsync(() -> tryRun(f, plan));
        List<Object> outcomes = List.of(t1.get(), t2.get());
        assertThat(outcomes).filteredOn(o -> o instanceof LeaseHeldException).hasSize(1);
        assertThat(outcomes).contains(RunState.COMPLETED);
    }

    private static Object tryRun(SplitEngine f, Plan plan) {
        try {
            return f.run(plan, new RunControl(), e -> { }).state();
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void aStalledRunWhoseLeaseWasTakenStopsWithoutUndoingTheRollback() {
        db.getCollection("src").insertMany(TestPlans.sources(1000));
        Plan plan = TestPlans.split("s1", 100, Guardrails.none());
        try (SplitEngine other = SplitEngine.connect(mongo.uri("app")).withCompiler(p -> TestPlans.MAPPER)
                .withLeaseTtl(Duration.ofMillis(300))) {
            assertThatThrownBy(() -> ferry.withLeaseTtl(Duration.ofSeconds(30)).run(plan, new RunControl(), e -> {
                if (e instanceof RunEvent.BatchDone b && b.batch() == 2) {
                    // this process stalls past its lease (GC pause, laptop asleep) and another console rolls back
                    db.getCollection("ferry_leases").updateOne(new Document(), new Document("$set",
                            new Document("expiresAt", new Date(System.currentTimeMillis() - 1000))));
                    assertThat(other.rollback(plan, null, x -> { }).verified()).isTrue();
                }
            })).isInstanceOf(LeaseLostException.class);
            assertThat(db.getCollection("ferry_runs").find().first().getString("state")).isEqualTo("ROLLED_BACK");
            assertThat(db.getCollection("people").countDocuments()).isZero();
        }
    }

    @Test
    void aPreImageNearTheSixteenMegabyteLimitIsKeptAndRestored() {
        db.getCollection("src").insertMany(TestPlans.sources(10));
        Document big = new Document("_id", 3).append("blob", "x".repeat(16 * 1024 * 1024 - 40));
        db.getCollection("people").insertOne(big);
        Plan plan = TestPlans.split("m1", 100, Guardrails.none());
        assertThat(ferry.run(plan, new RunControl(), e -> { }).state()).isEqualTo(RunState.COMPLETED);
        assertThat(db.getCollection("people").find(new Document("_id", 3)).first().getString("name")).isEqualTo("PERSON 3");
        RollbackReport rb = ferry.rollback(plan, null, e -> { });
        assertThat(rb.verified()).isTrue();
        assertThat(db.getCollection("people").find().into(new ArrayList<>())).containsExactly(big);
    }

    @Test
    void aDocumentChangedAfterTheRunInsertedItIsKeptAndReportedByTheRollback() {
        db.getCollection("src").insertMany(TestPlans.sources(20));
        Plan plan = TestPlans.split("c1", 10, Guardrails.none());
        ferry.run(plan, new RunControl(), e -> { });
        db.getCollection("people").updateOne(new Document("_id", 7), new Document("$set", new Document("name", "edited")));
        RollbackReport rb = ferry.rollback(plan, null, e -> { });
        assertThat(rb.verified()).isFalse();
        assertThat(rb.verification()).anyMatch(l -> l.contains("1 documents the run inserted were changed since"));
        assertThat(db.getCollection("people").find().into(new ArrayList<>()))
                .containsExactly(new Document("_id", 7).append("name", "edited").append("n", 7));
    }

    @Test
    void aDocumentChangedToOneWithTheSameJavaHashIsStillKeptByTheRollback() {
        db.getCollection("src").insertMany(TestPlans.sources(20));
        Plan plan = TestPlans.split("c2", 10, Guardrails.none());
        ferry.run(plan, new RunControl(), e -> { });
        Document edited = new Document("_id", 7).append("name", "Q&RSON 7").append("n", 7); // was "PERSON 7"
        assertThat(edited.hashCode()).as("the same Document.hashCode as written")
                .isEqualTo(new Document("_id", 7).append("name", "PERSON 7").append("n", 7).hashCode());
        db.getCollection("people").replaceOne(new Document("_id", 7), edited);
        RollbackReport rb = ferry.rollback(plan, null, e -> { });
        assertThat(rb.verified()).isFalse();
        assertThat(db.getCollection("people").find().into(new ArrayList<>())).containsExactly(edited);
    }

    @Test
    void twoRecordsMappingToOneTargetIdInABatchQuarantineTheSecond() {
        db.getCollection("src").insertMany(TestPlans.sources(10));
        RecordMapper halves = s -> {
            MappedRecord m = TestPlans.MAPPER.map(s);
            Object half = s.getInteger("_id") / 2;
            return new MappedRecord(m.sourceKey(), Map.of("people", new Document(m.targets().get("people")).append("_id", half),
                    "tags", m.targets().get("tags")), m.errors());
        };
        Plan plan = TestPlans.split("h1", 100, Guardrails.none());
        RunReport r = ferry.withCompiler(p -> halves).run(plan, new RunControl(), e -> { });
        assertThat(r.quarantined()).isEqualTo(5);
        assertThat(db.getCollection("ferry_quarantine").find().first().getString("reason")).contains("target ids must be unique");
        RollbackReport rb = ferry.rollback(plan, null, e -> { });
        assertThat(rb.verified()).isTrue();
        assertThat(db.getCollection("people").countDocuments()).isZero();
    }

    @Test
    void aSourceWhoseKeysMixTypesRunsInOneRunOneBracketAfterAnother() {
        db.getCollection("src").insertMany(TestPlans.sources(5));
        db.getCollection("src").insertOne(new Document("_id", "s-1").append("name", "string key").append("n", 9));
        db.getCollection("src").insertOne(new Document("_id", 4_000_000_000L).append("name", "long key").append("n", 3));
        RunReport report = ferry.run(TestPlans.split("x1", 2, Guardrails.none()), new RunControl(), e -> { });
        assertThat(report.state()).isEqualTo(RunState.COMPLETED);
        assertThat(report.processed()).isEqualTo(7);
        assertThat(db.getCollection("people").countDocuments()).isEqualTo(7);
        assertThat(ferry.rollback(TestPlans.split("x1", 2, Guardrails.none()), null, e -> { }).verified()).isTrue();
        assertThat(db.getCollection("people").countDocuments()).isZero();
    }

    @Test
    void anInterruptedRollbackOfAnOlderRunStillStopsTheNextRun() {
        db.getCollection("src").insertMany(TestPlans.sources(30));
        Plan plan = TestPlans.split("o1", 10, Guardrails.none());
        ferry.run(plan, new RunControl(), e -> { });
        ferry.run(plan, new RunControl(), e -> { });
        ferry.rollback(plan, null, e -> { });
        assertThatThrownBy(() -> ferry.rollback(plan, null, e -> {
            if (e instanceof RunEvent.UndoProgress) {
                throw new IllegalStateException("killed mid-rollback");
            }
        }));
        assertThatThrownBy(() -> ferry.run(plan, new RunControl(), e -> { })).hasMessageContaining("did not finish");
    }
}
