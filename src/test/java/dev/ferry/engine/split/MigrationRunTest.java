package dev.ferry.engine.split;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.LeaseHeldException;
import dev.ferry.engine.RecordError;
import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.testing.InProcessMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MigrationRunTest {

    private InProcessMongo mongo;
    private MongoDatabase db;
    private SplitEngine ferry;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
        db = mongo.database("app");
        ferry = SplitEngine.connect(mongo.uri("app")).withCompiler(p -> TestPlans.MAPPER).withLeaseTtl(Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        ferry.close();
        mongo.close();
    }

    @Test
    void runsInBatchesQuarantinesBadRecordsAndRollsBackToThePreRunState() {
        db.getCollection("src").insertMany(TestPlans.sources(1050, 7, 700));
        db.getCollection("people").insertOne(new Document("_id", 3).append("name", "already here"));
        db.getCollection("people").insertOne(new Document("_id", 99_999).append("name", "unrelated"));
        DocumentChecksum.Sum peopleBefore = sum("people");
        DocumentChecksum.Sum sourceBefore = sum("src");
        List<RunEvent> events = new ArrayList<>();

        RunReport report = ferry.run(TestPlans.split("p1", 100, Guardrails.none()), new RunControl(), events::add);

        assertThat(report.state()).isEqualTo(RunState.COMPLETED);
        assertThat(report.processed()).isEqualTo(1050);
        assertThat(report.quarantined()).isEqualTo(2);
        assertThat(report.written()).containsEntry("people", 1048L).containsEntry("tags", 1048L);
        assertThat(db.getCollection("people").countDocuments()).isEqualTo(1049);
        assertThat(db.getCollection("people").find(new Document("_id", 3)).first().getString("name")).isEqualTo("PERSON 3");
        assertThat(db.getCollection("ferry_quarantine").countDocuments()).isEqualTo(2);
        assertThat(db.getCollection("ferry_quarantine").find().first().getString("reason")).contains("not a string");
        assertThat(events).filteredOn(e -> e instanceof RunEvent.BatchDone).hasSize(11);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Quarantined).hasSize(2);

        RollbackPreview preview = ferry.rollbackPreview(TestPlans.split("p1", 100, Guardrails.none()), null);
        assertThat(preview.toDelete()).containsEntry("people", 1047L).containsEntry("tags", 1048L);
        assertThat(preview.toRestore()).containsEntry("people", 1L).containsEntry("tags", 0L);

        RollbackReport rollback = ferry.rollback(TestPlans.split("p1", 100, Guardrails.none()), null, e -> { });
        assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
        assertThat(sum("people")).isEqualTo(peopleBefore);
        assertThat(sum("src")).isEqualTo(sourceBefore);
        assertThat(db.getCollection("tags").countDocuments()).isZero();
        assertThat(ferry.history("p1").get(0).state()).isEqualTo(RunState.ROLLED_BACK);
    }

    @Test
    void aCancelledRunResumesFromItsCheckpointWithoutDuplicates() {
        db.getCollection("src").insertMany(TestPlans.sources(1000));
        Plan plan = TestPlans.split("p2", 100, Guardrails.none());
        RunControl control = new RunControl();
        RunReport first = ferry.run(plan, control, e -> {
            if (e instanceof RunEvent.BatchDone b && b.batch() == 3) {
                control.cancel("operator pressed cancel");
            }
        });
        assertThat(first.state()).isEqualTo(RunState.CANCELLED);
        assertThat(first.processed()).isEqualTo(300);
        assertThat(db.getCollection("people").countDocuments()).isEqualTo(300);

        RunReport second = ferry.run(plan, new RunControl(), e -> { });
        assertThat(second.resumed()).isTrue();
        assertThat(second.runId()).isEqualTo(first.runId());
        assertThat(second.state()).isEqualTo(RunState.COMPLETED);
        assertThat(second.processed()).isEqualTo(1000);
        assertThat(db.getCollection("people").countDocuments()).isEqualTo(1000);
        assertThat(db.getCollection("ferry_batches").countDocuments()).isEqualTo(10);
    }

    @Test
    void aReplayedBatchKeepsTheTruePreImage() {
        db.getCollection("src").insertMany(TestPlans.sources(10));
        db.getCollection("people").insertOne(new Document("_id", 4).append("name", "original"));
        Plan plan = TestPlans.split("p3", 100, Guardrails.none());
        // a crash after the writes of batch 1 but before its checkpoint: the journal still says batch 0
        ferry.run(plan, new RunControl(), e -> { });
        db.getCollection("ferry_runs").updateOne(new Document(), new Document("$set",
                new Document("state", "RUNNING").append("batch", 0L).append("lastKey", null).append("processed", 0L)
                        .append("sourceSum", DocumentChecksum.Sum.EMPTY.toDocument()).append("written", new Document())));
        RunReport replay = ferry.run(plan, new RunControl(), e -> { });
        assertThat(replay.resumed()).isTrue();
        assertThat(db.getCollection("people").countDocuments()).isEqualTo(10);

        RollbackReport rollback = ferry.rollback(plan, null, e -> { });
        assertThat(db.getCollection("people").find().into(new ArrayList<>()))
                .containsExactly(new Document("_id", 4).append("name", "original"));
        assertThat(rollback.verified()).isTrue();
    }

    @Test
    void aSecondRunOfTheSamePlanIsRefusedWhileTheLeaseIsHeldAndTakesOverWhenItExpires() throws Exception {
        db.getCollection("src").insertMany(TestPlans.sources(50));
        Plan plan = TestPlans.split("p4", 10, Guardrails.none());
        MongoLease other = new MongoLease(ferry.store(), "p4", "someone@elsewhere:1/run-x", Duration.ofSeconds(1));
        assertThat(other.tryAcquire("run-x", "elsewhere", "someone")).isEmpty();

        assertThatThrownBy(() -> ferry.run(plan, new RunControl(), e -> { }))
                .isInstanceOf(LeaseHeldException.class)
                .hasMessageContaining("someone on elsewhere").hasMessageContaining("run-x");

        Thread.sleep(1200); // the holder stopped heartbeating: its lease expires
        assertThat(ferry.run(plan, new RunControl(), e -> { }).state()).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void aDeadRunShowsAsInterruptedNotRunning() {
        db.getCollection("src").insertMany(TestPlans.sources(20));
        Plan plan = TestPlans.split("p5", 10, Guardrails.none());
        ferry.run(plan, new RunControl(), e -> { });
        db.getCollection("ferry_runs").updateOne(new Document(), new Document("$set", new Document("state", "RUNNING")));
        assertThat(ferry.history("p5").get(0).state()).isEqualTo(RunState.INTERRUPTED);
    }

    @Test
    void theErrorRateGuardrailPausesTheRun() {
        db.getCollection("src").insertMany(TestPlans.sources(1000, 100, 101, 102, 103, 104, 105));
        Plan plan = TestPlans.split("p6", 100, new Guardrails(0.002, null, null, 200, Guardrails.BreachAction.PAUSE));
        List<RunEvent> events = new ArrayList<>();
        RunReport report = ferry.run(plan, new RunControl(), events::add);
        assertThat(report.state()).isEqualTo(RunState.PAUSED);
        assertThat(report.processed()).isEqualTo(200);
        assertThat(report.message()).contains("max_error_rate");
        assertThat(events).filteredOn(e -> e instanceof RunEvent.GuardrailBreached).hasSize(1);
    }

    @Test
    void dryRunWritesNothingAndCountsWhatWouldHappen() {
        db.getCollection("src").insertMany(TestPlans.sources(250, 10));
        db.getCollection("people").insertOne(new Document("_id", 1).append("name", "PERSON 1").append("n", 1));
        db.getCollection("people").insertOne(new Document("_id", 2).append("name", "stale"));
        DryRunReport report = ferry.dryRun(TestPlans.split("p7", 100, Guardrails.none()), e -> { });
        assertThat(report.sourceRecords()).isEqualTo(250);
        assertThat(report.errorCount()).isEqualTo(1);
        assertThat(report.errors()).extracting(RecordError::sourceKey).containsExactly("10");
        DryRunReport.TargetEstimate people = report.targets().get(0);
        assertThat(people.wouldInsert()).isEqualTo(247);
        assertThat(people.wouldUpdate()).isEqualTo(1);
        assertThat(people.wouldSkip()).isEqualTo(1);
        assertThat(report.estimatedBytes()).isPositive();
        assertThat(report.estimatedDuration()).isPositive();
        assertThat(db.getCollection("people").countDocuments()).isEqualTo(2);
        assertThat(db.getCollection("tags").countDocuments()).isZero();
        assertThat(db.listCollectionNames().into(new ArrayList<>())).noneMatch(n -> n.contains("scratch"));
    }

    private DocumentChecksum.Sum sum(String collection) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (Document d : db.getCollection(collection).find()) {
            sum = sum.add(d);
        }
        return sum;
    }
}
