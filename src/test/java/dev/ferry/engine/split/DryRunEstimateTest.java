package dev.ferry.engine.split;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.testing.InProcessMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dry run's estimate counts what a run does per batch (undo entries, heartbeats, batch records, checkpoints), so
 * that runs with small batches do not overrun it. Relations only, never timings: the figures are printed.
 */
class DryRunEstimateTest {

    private static final int RECORDS = 2000;

    private InProcessMongo mongo;
    private MongoDatabase db;
    private SplitEngine ferry;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
        db = mongo.database("app");
        db.getCollection("src").insertMany(TestPlans.sources(RECORDS));
        ferry = SplitEngine.connect(mongo.uri("app")).withCompiler(p -> TestPlans.MAPPER).withLeaseTtl(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        ferry.close();
        mongo.close();
    }

    @Test
    void theEstimateIncludesBookkeepingForEveryBatchSoSmallBatchesEstimateMore() {
        // targets keyed by the source key: no per-record key claims, so what is left per batch is fixed cost
        DryRunReport small = ferry.dryRun(TestPlans.splitBySourceKey("small", 25, Guardrails.none()), RunListener.NONE);
        DryRunReport large = ferry.dryRun(TestPlans.splitBySourceKey("large", 500, Guardrails.none()),
                RunListener.NONE);

        DryRunReport.DurationParts s = small.durationParts();
        DryRunReport.DurationParts l = large.durationParts();
        assertThat(s.batches()).isEqualTo(RECORDS / 25);
        assertThat(l.batches()).isEqualTo(RECORDS / 500);
        assertThat(s.perBatch()).isPositive();
        assertThat(l.perBatch()).isPositive();
        assertThat(s.bookkeeping()).isEqualTo(s.perBatch().multipliedBy(s.batches()));
        assertThat(s.bookkeeping()).isGreaterThan(l.bookkeeping());
        assertThat(s.writes()).isPositive();
        for (DryRunReport r : List.of(small, large)) {
            assertThat(r.estimatedDuration()).isEqualTo(r.durationParts().total());
            assertThat(r.estimatedDuration()).isGreaterThan(r.durationParts().readAndMap().plus(r.durationParts().writes()));
        }
    }

    @Test
    void measuringTheBookkeepingLeavesNothingBehindThatARunOrAUserWouldSee() {
        List<String> before = collections();
        ferry.dryRun(TestPlans.split("quiet", 50, Guardrails.none()), RunListener.NONE);
        List<String> after = collections();
        after.removeAll(before);
        assertThat(after).containsExactly(MongoJournal.DRY_RUNS); // the dry run's own record, as before
        assertThat(db.getCollection("people").countDocuments()).isZero();
        assertThat(db.getCollection("tags").countDocuments()).isZero();
    }

    @Test
    void theEstimateAgainstTheRunItEstimates() { // printed, not asserted: timings on a shared machine vary
        Plan plan = TestPlans.split("measured", 50, Guardrails.none());
        DryRunReport dry = ferry.dryRun(plan, RunListener.NONE);
        RunReport run = ferry.run(plan, new RunControl(), RunListener.NONE);
        DryRunReport.DurationParts p = dry.durationParts();
        System.out.printf("batch 50, %d records: estimate %d ms (read+map %d + writes %d + bookkeeping %d = %d × %.2f ms),"
                        + " actual %d ms, %s%n", RECORDS, dry.estimatedDuration().toMillis(), p.readAndMap().toMillis(),
                p.writes().toMillis(), p.bookkeeping().toMillis(), p.batches(), p.perBatch().toNanos() / 1e6,
                run.elapsed().toMillis(), run.state());
        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(dry.durationParts().batches()).isEqualTo(RECORDS / 50);
    }

    private List<String> collections() {
        return db.listCollectionNames().into(new ArrayList<>());
    }
}
