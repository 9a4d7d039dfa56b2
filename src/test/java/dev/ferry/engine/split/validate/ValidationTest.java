package dev.ferry.engine.split.validate;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.ValidationReport;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryException;
import dev.ferry.engine.CheckResult.CheckStatus;
import dev.ferry.plan.CheckSpec;
import dev.ferry.plan.Plan;
import dev.ferry.transform.RecordMapper;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ValidationTest extends OneServerPerClass {

    @Test
    void runsCountSampleAndChecksumWhenThePlanListsNoChecks() {
        fx = MigrationFixture.seed(uri, 3000, 600, 0);
        Plan plan = fx.plan(new Document(), List.of());
        fx.migrate(plan);

        ValidationReport report = new Validation(fx.store).validate(plan, MigrationFixture.MAPPER);

        assertThat(report.plan()).isEqualTo("split-user-data");
        assertThat(report.checks()).extracting(CheckResult::method).containsExactly("count", "sample", "checksum");
        assertThat(report.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.PASSED);
        assertThat(report.passed()).isTrue();
        assertThat(report.notCovered())
                .anyMatch(l -> l.matches("sample check \"sample\" compared (9\\d\\d|1,000) of 3,000 records field by field"))
                .contains("documents written to targets by other processes after the run are only counted, not attributed")
                .anyMatch(l -> l.startsWith("indexes"));
    }

    @Test
    void runsThePlansChecksInOrderAndReportsAMismatch() {
        fx = MigrationFixture.seed(uri, 3000, 600, 0);
        Plan plan = fx.plan(new Document(), List.of(
                new CheckSpec.Checksum("content"),
                new CheckSpec.Predicate("history", new Document("transformation_history", new Document("$ne", List.of())),
                        MigrationFixture.CONFIGS, new Document("total_transformations", new Document("$gt", 0))),
                new CheckSpec.Count("counts")));
        fx.migrate(plan);
        fx.target(MigrationFixture.METADATA).updateOne(eq("_id", fx.migratedKey(3)), set("num_rows", -1));

        ValidationReport report = new Validation(fx.store).validate(plan, MigrationFixture.MAPPER);

        assertThat(report.checks()).extracting(CheckResult::name).containsExactly("content", "history", "counts");
        assertThat(report.checks()).extracting(CheckResult::status)
                .containsExactly(CheckStatus.FAILED, CheckStatus.PASSED, CheckStatus.PASSED);
        assertThat(report.checks().get(0).failingKeys()).containsExactly(fx.migratedKey(3).toHexString());
        assertThat(report.passed()).isFalse();
        assertThat(report.notCovered()).noneMatch(l -> l.startsWith("sample check"))
                .contains("target documents no source record produced are counted, not listed");
    }

    @Test
    void aCheckThatCannotRunIsCouldNotCheckAndTheOthersStillRun() {
        fx = MigrationFixture.seed(uri, 300, 0, 0);
        Plan plan = fx.plan(new Document(), List.of(new CheckSpec.Count("counts"), new CheckSpec.Sample("fields", 50),
                new CheckSpec.Predicate("bad operator", new Document("x", new Document("$nosuch", 1)),
                        MigrationFixture.CONFIGS, new Document())));
        fx.migrate(plan);
        RecordMapper throwing = source -> {
            throw new IllegalStateException("expression engine unavailable");
        };

        ValidationReport report = new Validation(fx.store).validate(plan, throwing);

        assertThat(report.checks()).extracting(CheckResult::status)
                .containsExactly(CheckStatus.PASSED, CheckStatus.COULD_NOT_CHECK, CheckStatus.COULD_NOT_CHECK);
        CheckResult sample = report.checks().get(1);
        assertThat(sample.summary()).startsWith("could not check: The mapping threw on source record ")
                .contains("expression engine unavailable");
        assertThat(report.checks().get(2).summary()).startsWith("could not check:").contains("$nosuch");
        assertThat(report.passed()).isFalse();
        assertThat(report.notCovered()).contains(
                "sample check \"fields\" could not run, so what it checks is not covered",
                "no checksum check ran: records outside the sample are counted, their contents not compared");
    }

    @Test
    void aMissingSourceCollectionIsCouldNotCheckNotFailed() {
        fx = MigrationFixture.seed(uri, 10, 0, 0);
        Plan plan = fx.plan(new Document(), List.of());
        fx.store.collection(MigrationFixture.SOURCE).drop();

        ValidationReport report = new Validation(fx.store).validate(plan, MigrationFixture.MAPPER);

        assertThat(report.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.COULD_NOT_CHECK);
        assertThat(report.checks().get(0).summary())
                .startsWith("could not check: The source collection user_data does not exist in database db");
    }
}
