package dev.ferry.engine.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.mongodb.client.MongoDatabase;
import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.journal.EstimateRecord;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.OutcomeRecord;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.testing.InProcessMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forecasts that learn: a completed run keeps what it took beside its dry run's estimate, and the next dry run of the
 * plan here scales what it measures by how the latest comparable runs fared, and says so. Relations between recorded
 * figures only, never wall-clock limits (the forecast benchmark prints how close the estimates come).
 */
class RunForecastsTest {

    private static final int RECORDS = 1500;

    private InProcessMongo mongo;
    private MongoDatabase db;
    private SplitEngine ferry;
    private Journal journal;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
        db = mongo.database("app");
        db.getCollection("src").insertMany(TestPlans.sources(RECORDS, 7));
        ferry = SplitEngine.connect(mongo.uri("app")).withCompiler(p -> TestPlans.MAPPER)
                .withLeaseTtl(Duration.ofSeconds(5));
        journal = new MongoJournal(ferry.store());
    }

    @AfterEach
    void stop() {
        ferry.close();
        mongo.close();
    }

    @Test
    void aCompletedRunKeepsWhatItTookBesideItsDryRunsEstimateAndTheTargetsChecksums() {
        Plan plan = TestPlans.split("learn", 250, Guardrails.none());
        DryRunReport dry = ferry.dryRun(plan, RunListener.NONE);
        assertThat(dry.calibration()).as("nothing to learn from yet").isNull();
        RunReport run = ferry.run(plan, new RunControl(), RunListener.NONE);
        assertThat(run.state()).isEqualTo(RunState.COMPLETED);

        OutcomeRecord outcome = journal.evidence().outcome(run.runId()).orElseThrow();
        assertThat(outcome.estimate().rawMs()).isEqualTo(dry.durationParts().total().toMillis());
        assertThat(outcome.estimate().estimatedMs()).isEqualTo(dry.estimatedDuration().toMillis());
        assertThat(outcome.estimate().sourceRecords()).isEqualTo(RECORDS);
        assertThat(outcome.processed()).isEqualTo(RECORDS);
        assertThat(outcome.batchSize()).isEqualTo(250);
        assertThat(outcome.actualMs()).isPositive().isCloseTo(run.elapsed().toMillis(), within(2_000L));
        assertThat(outcome.targetsAfter()).containsOnlyKeys("people", "tags");
        assertThat(outcome.targetsAfter().get("people")).isEqualTo(checksum("people"));
        assertThat(outcome.targetsAfter().get("people").count()).isEqualTo(RECORDS - 1); // one quarantined
    }

    @Test
    void theNextDryRunScalesWhatItMeasuresByHowMuchLongerTheLastRunTookAndSaysSo() {
        Plan plan = TestPlans.split("learn", 250, Guardrails.none());
        ferry.dryRun(plan, RunListener.NONE);
        RunReport run = ferry.run(plan, new RunControl(), RunListener.NONE);
        OutcomeRecord outcome = journal.evidence().outcome(run.runId()).orElseThrow();

        DryRunReport next = ferry.dryRun(plan, RunListener.NONE);
        double factor = outcome.actualMs() / (double) outcome.estimate().rawMs();
        assertThat(next.calibration()).isNotNull();
        assertThat(next.calibration().runs()).isEqualTo(1);
        assertThat(next.calibration().factor()).isCloseTo(factor, within(1e-9));
        assertThat(next.calibration().measured()).isEqualTo(next.durationParts().total());
        assertThat(next.estimatedDuration().toNanos()).isCloseTo((long) (next.durationParts().total().toNanos()
                * factor), within(1_000L));
        assertThat(next.notes().get(0)).startsWith("Estimate calibrated from the last run of this plan here")
                .contains("run " + run.runId());
        // the run's duration guardrail is judged against the estimate the dry run gave
        assertThat(journal.dryRuns().latest(plan.name(), plan.hash()).orElseThrow().estimatedMs())
                .isEqualTo(next.estimatedDuration().toMillis());
    }

    @Test
    void runsWithTheSameBatchSizeTeachFirstAndTheNewestWeighMost() {
        Plan plan = TestPlans.split("weighed", 50, Guardrails.none());
        outcome("r1", plan, 50, 1.0, 1);
        outcome("r2", plan, 50, 2.0, 2);
        outcome("r3", plan, 1000, 0.25, 3); // newest, but another batch size
        outcome("r4", plan, 50, 4.0, 4);
        outcome("r5", plan, 1000, 0.5, 5);

        DryRunReport dry = ferry.dryRun(plan, RunListener.NONE);
        assertThat(dry.calibration().runs()).isEqualTo(3);
        // newest first 4, 2, 1 weighed 3, 2, 1: exp((3 ln 4 + 2 ln 2 + ln 1) / 6) = 2^(8/6)
        assertThat(dry.calibration().factor()).isCloseTo(Math.pow(2, 8 / 6.0), within(1e-9));
        assertThat(dry.calibration().basis()).contains("run r4", "run r2", "run r1").doesNotContain("run r3");

        DryRunReport large = ferry.dryRun(plan.withBatchSize(1000), RunListener.NONE);
        assertThat(large.calibration().factor()).as("same batch size, and same plan version")
                .isCloseTo(Math.exp((3 * Math.log(0.5) + 2 * Math.log(0.25)) / 5), within(1e-9));
    }

    @Test
    void aRunWithoutADryRunOrOneThatDidNotCompleteTeachesNothing() {
        Plan plan = TestPlans.split("untaught", 250, Guardrails.none());
        RunReport blind = ferry.run(plan, new RunControl(), RunListener.NONE);
        assertThat(journal.evidence().outcome(blind.runId()).orElseThrow().estimate()).isNull();
        assertThat(ferry.dryRun(plan, RunListener.NONE).calibration()).isNull();

        Plan other = TestPlans.split("paused", 250, Guardrails.none());
        ferry.dryRun(other, RunListener.NONE);
        RunControl pause = new RunControl();
        pause.pause("the operator asked");
        RunReport paused = ferry.run(other, pause, RunListener.NONE);
        assertThat(paused.state()).isEqualTo(RunState.PAUSED);
        assertThat(journal.evidence().outcome(paused.runId())).isEmpty();
        assertThat(ferry.dryRun(other, RunListener.NONE).calibration()).isNull();
    }

    /** A finished run of {@code plan} whose run took {@code ratio} times its measured estimate, at minute {@code m}. */
    private void outcome(String runId, Plan plan, int batchSize, double ratio, int m) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(60L * m);
        EstimateRecord estimate = new EstimateRecord(plan.name(), plan.hash(), at.minusSeconds(30), RECORDS, batchSize,
                10_000, 10_000, 5_000, 4_000, 1_000, 1, 0);
        journal.evidence().finished(new OutcomeRecord(runId, plan.name(), plan.hash(), at, RECORDS, batchSize,
                Math.round(10_000 * ratio), estimate, Map.of()));
    }

    private DocumentChecksum.Sum checksum(String collection) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (Document d : db.getCollection(collection).find()) {
            sum = sum.add(d);
        }
        return sum;
    }
}
