package dev.ferry.engine.split;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.ValidationVerdict;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.testing.InProcessMongo;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A validation's verdict is journalled on the run it validated, on a real (in-process) MongoDB: history shows the
 * latest one, passed or mismatched, and validating does not change when the run ended.
 */
class ValidationVerdictTest {

    private InProcessMongo mongo;
    private MongoDatabase db;
    private SplitEngine ferry;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
        db = mongo.database("app");
        ferry = SplitEngine.connect(mongo.uri("app")).withCompiler(p -> TestPlans.MAPPER);
    }

    @AfterEach
    void stop() {
        ferry.close();
        mongo.close();
    }

    @Test
    void historyShowsTheLatestVerdictOfTheRunPassedThenMismatched() {
        db.getCollection("src").insertMany(TestPlans.sources(500));
        Plan plan = TestPlans.split("verdict", 100, Guardrails.none());
        RunReport run = ferry.run(plan, new RunControl(), RunListener.NONE);
        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(ferry.history(plan.name())).singleElement().extracting(RunSummary::validation).isNull();
        Instant ended = ferry.history(plan.name()).get(0).endedAt();

        Instant before = Instant.now();
        assertThat(ferry.validate(plan).passed()).isTrue();
        RunSummary validated = ferry.history(plan.name()).get(0);
        assertThat(validated.runId()).isEqualTo(run.runId());
        assertThat(validated.validation()).satisfies(v -> {
            assertThat(v.summary()).isEqualTo("3 passed");
            assertThat(v.passed()).isEqualTo(3);
            assertThat(v.mismatched()).isZero();
            assertThat(v.cannotCheck()).isZero();
            assertThat(v.ok()).isTrue();
            assertThat(v.at()).isAfterOrEqualTo(before.minusMillis(1));
        });
        assertThat(validated.endedAt()).isEqualTo(ended);

        db.getCollection("people").updateOne(eq("_id", 42), set("name", "CORRUPTED"));
        assertThat(ferry.validate(plan).passed()).isFalse();
        assertThat(ferry.history(plan.name())).singleElement().extracting(RunSummary::validation).satisfies(v -> {
            assertThat(v.summary()).isEqualTo("2 mismatched of 3");
            assertThat(v.mismatched()).isEqualTo(2);
            assertThat(v.passed()).isEqualTo(1);
            assertThat(v.ok()).isFalse();
        });
    }

    @Test
    void aPlanThatNeverRanHasNoRunToRecordOn() {
        db.getCollection("src").insertMany(TestPlans.sources(10));
        Plan plan = TestPlans.split("never-ran", 100, Guardrails.none());
        ferry.validate(plan);
        assertThat(ferry.history(plan.name())).isEmpty();
        assertThat(db.getCollection("ferry_runs").countDocuments()).isZero();
    }

    @Test
    void theSummarySaysWhatDidNotPassOfHowMany() {
        assertThat(ValidationVerdict.summary(4, 0, 0)).isEqualTo("4 passed");
        assertThat(ValidationVerdict.summary(3, 1, 0)).isEqualTo("1 mismatched of 4");
        assertThat(ValidationVerdict.summary(3, 0, 1)).isEqualTo("1 cannot check of 4");
        assertThat(ValidationVerdict.summary(2, 1, 1)).isEqualTo("1 mismatched, 1 cannot check of 4");
        assertThat(ValidationVerdict.summary(0, 0, 0)).isEqualTo("no checks ran");
    }
}
