package dev.ferry.engine.split.validate;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static dev.ferry.engine.split.validate.MigrationFixture.CONFIGS;
import static dev.ferry.engine.split.validate.MigrationFixture.METADATA;
import static dev.ferry.engine.split.validate.MigrationFixture.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.CheckResult.CheckStatus;
import dev.ferry.plan.CheckSpec;
import dev.ferry.plan.Plan;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class CountCheckTest extends OneServerPerClass {

    private CheckResult count(Plan plan) {
        return new CountCheck(new CheckSpec.Count("counts")).run(new CheckContext(fx.store, plan, MigrationFixture.MAPPER));
    }

    @Test
    void passesWhenEveryNonQuarantinedRecordIsInEachTarget() {
        fx = MigrationFixture.seed(uri, 3000, 600, 0);
        Plan plan = fx.plan(new Document(), List.of());
        fx.migrate(plan);

        CheckResult r = count(plan);

        assertThat(fx.quarantined).hasSize(5);
        assertThat(r.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(r.summary()).isEqualTo(
                "3,000 source − 5 quarantined = 2,995 = dataset_metadata 2,995 = transformation_configs 2,995");
        assertThat(r.mismatched()).isZero();
        assertThat(r.checked()).isEqualTo(3000);
        assertThat(r.evidence()).contains("db.user_data.countDocuments({}) → 3,000",
                "db.dataset_metadata.countDocuments({}) → 2,995");
        assertThat(r.name()).isEqualTo("counts");
        assertThat(r.method()).isEqualTo("count");
    }

    @Test
    void subtractsOnlyQuarantinedRecordsThatStillMatchTheSourceFilter() {
        fx = MigrationFixture.seed(uri, 3000, 600, 1000);
        Plan plan = fx.plan(new Document("archived", new Document("$ne", true)), List.of());
        fx.migrate(plan);
        // a quarantined record archived after the run is out of scope now: it must not be subtracted
        fx.store.collection(SOURCE).updateOne(eq("_id", fx.quarantined.get(0)), set("archived", true));

        CheckResult r = count(plan);

        assertThat(r.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(r.summary()).startsWith("2,996 source − 4 quarantined = 2,992 = dataset_metadata 2,992");
        assertThat(r.evidence()).anyMatch(l -> l.contains("{\"archived\": {\"$ne\": true}}"));
    }

    @Test
    void failsWhenATargetDocumentIsDeleted() {
        fx = MigrationFixture.seed(uri, 3000, 600, 0);
        Plan plan = fx.plan(new Document(), List.of());
        fx.migrate(plan);
        fx.target(METADATA).deleteOne(eq("_id", fx.migratedKey(10)));

        CheckResult r = count(plan);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.mismatched()).isEqualTo(1);
        assertThat(r.summary()).isEqualTo(
                "3,000 source − 5 quarantined = 2,995 ≠ dataset_metadata 2,994; = transformation_configs 2,995");
        assertThat(r.evidence()).contains("dataset_metadata: 1 fewer than expected: records missing (a checksum check names them)");
    }

    @Test
    void failsWhenATargetHasAnExtraDocument() {
        fx = MigrationFixture.seed(uri, 3000, 600, 0);
        Plan plan = fx.plan(new Document(), List.of());
        fx.migrate(plan);
        fx.target(CONFIGS).insertOne(new Document("_id", new ObjectId()).append("config_id", "stray"));

        CheckResult r = count(plan);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.mismatched()).isEqualTo(1);
        assertThat(r.summary()).endsWith("≠ transformation_configs 2,996");
    }

    @Test
    void failsWithAClearReasonWhenATargetCollectionIsMissing() {
        fx = MigrationFixture.seed(uri, 3000, 600, 0);
        Plan plan = fx.plan(new Document(), List.of());
        fx.migrate(plan);
        fx.target(CONFIGS).drop();

        CheckResult r = count(plan);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.summary()).contains("≠ transformation_configs missing (collection does not exist)");
        assertThat(r.evidence()).contains("target collection transformation_configs does not exist");
        assertThat(r.mismatched()).isEqualTo(2995);
    }

    @Test
    void aMissingTargetIsFineWhenNoRecordIsExpected() {
        fx = MigrationFixture.seed(uri, 30, 0, 0);
        Plan plan = fx.plan(new Document("user_id", "nobody"), List.of());

        CheckResult r = count(plan);

        assertThat(r.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(r.evidence()).anyMatch(l -> l.startsWith("no run of this plan in ferry_runs"));
        assertThat(r.summary()).isEqualTo(
                "0 source − 0 quarantined = 0 = dataset_metadata 0 (collection does not exist) "
                        + "= transformation_configs 0 (collection does not exist)");
    }
}
