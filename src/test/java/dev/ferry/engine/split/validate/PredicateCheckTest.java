package dev.ferry.engine.split.validate;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static dev.ferry.engine.split.validate.MigrationFixture.CONFIGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.CheckResult.CheckStatus;
import dev.ferry.plan.CheckSpec;
import dev.ferry.plan.Plan;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runbook 000's transformation-history check: sources with history = configs with total_transformations &gt; 0. */
class PredicateCheckTest extends OneServerPerClass {

    private static final CheckSpec.Predicate HISTORY = new CheckSpec.Predicate("history preserved",
            new Document("transformation_history", new Document("$ne", List.of())), CONFIGS,
            new Document("total_transformations", new Document("$gt", 0)));

    private Plan plan;

    @BeforeEach
    void migrate() {
        fx = MigrationFixture.seed(uri, 3000, 600, 0);
        plan = fx.plan(new Document(), List.of());
        fx.migrate(plan);
    }

    private CheckResult predicate() {
        return new PredicateCheck(HISTORY).run(new CheckContext(fx.store, plan, MigrationFixture.MAPPER));
    }

    @Test
    void passesWhenTheCountsMatchLessQuarantinedRecords() {
        CheckResult r = predicate();

        // records i % 3 != 0 have history (2,000); the five corrupt ones (i = 7, 607, …, all i % 3 == 1) are among them
        assertThat(r.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(r.summary()).isEqualTo("2,000 user_data with {\"transformation_history\": {\"$ne\": []}} − 5 quarantined "
                + "= 1,995 = transformation_configs with {\"total_transformations\": {\"$gt\": 0}} 1,995");
        assertThat(r.evidence()).contains(
                "db.user_data.countDocuments({\"transformation_history\": {\"$ne\": []}}) → 2,000",
                "db.transformation_configs.countDocuments({\"total_transformations\": {\"$gt\": 0}}) → 1,995");
    }

    @Test
    void failsWhenATargetLostItsHistoryCount() {
        ObjectId withHistory = fx.migratedKey(1);
        fx.target(CONFIGS).updateOne(eq("_id", withHistory), set("total_transformations", 0));

        CheckResult r = predicate();

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.mismatched()).isEqualTo(1);
        assertThat(r.summary()).contains("= 1,995 ≠ transformation_configs with").endsWith(" 1,994");
    }

    @Test
    void failsWhenTheTargetCollectionIsMissing() {
        fx.target(CONFIGS).drop();

        CheckResult r = predicate();

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.summary()).endsWith("≠ transformation_configs missing (collection does not exist)");
    }
}
