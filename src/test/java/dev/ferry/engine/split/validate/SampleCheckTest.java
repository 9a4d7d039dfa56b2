package dev.ferry.engine.split.validate;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static dev.ferry.engine.split.validate.MigrationFixture.CONFIGS;
import static dev.ferry.engine.split.validate.MigrationFixture.METADATA;
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

class SampleCheckTest extends OneServerPerClass {

    private Plan plan;

    @BeforeEach
    void migrate() {
        fx = MigrationFixture.seed(uri, 3000, 600, 0);
        plan = fx.plan(new Document(), List.of());
        fx.migrate(plan);
    }

    private CheckResult sample(int size) {
        return new SampleCheck(new CheckSpec.Sample("fields", size))
                .run(new CheckContext(fx.store, plan, MigrationFixture.MAPPER));
    }

    @Test
    void passesOnARandomSampleOfACorrectMigration() {
        CheckResult r = sample(200);

        assertThat(r.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(r.total()).isEqualTo(3000);
        assertThat(r.checked()).isBetween(195L, 200L);
        assertThat(r.summary()).contains("of 3,000", "every field matches in dataset_metadata, transformation_configs");
        assertThat(r.evidence()).anyMatch(l -> l.startsWith("db.user_data.aggregate([{\"$sample\": {\"size\": 200}}])"));
        assertThat(r.failingKeys()).isEmpty();
    }

    @Test
    void skipsQuarantinedRecordsAndCountsThemInTheEvidence() {
        CheckResult r = sample(5000);

        assertThat(r.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(r.checked()).isEqualTo(2995);
        assertThat(r.summary()).startsWith("2,995 sampled records of 3,000 (5 quarantined skipped)");
        assertThat(r.evidence()).contains("5 sampled records skipped as quarantined");
    }

    @Test
    void reportsAChangedValueWithBothValues() {
        ObjectId key = fx.migratedKey(42);
        fx.target(METADATA).updateOne(eq("_id", key), set("filename", "renamed.csv"));

        CheckResult r = sample(5000);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.mismatched()).isEqualTo(1);
        assertThat(r.failingKeys()).containsExactly(key.toHexString());
        assertThat(r.evidence()).anyMatch(l -> l.equals(key.toHexString()
                + " dataset_metadata.filename: expected string \"f" + fx.keys.indexOf(key) + ".csv\", stored string \"renamed.csv\""));
    }

    @Test
    void reportsAnIntStoredAsALongAsATypeChangeAtItsDottedPath() {
        ObjectId key = fx.migratedKey(5);
        Document stored = fx.target(CONFIGS).find(eq("_id", key)).first();
        long asLong = stored.getInteger("total_transformations");
        // replace, not $set: the in-process server treats $set of an equal number as a no-op
        fx.target(CONFIGS).replaceOne(eq("_id", key), stored.append("total_transformations", asLong));
        fx.target(METADATA).updateOne(eq("_id", key), set("pii_report.masked", true));

        CheckResult r = sample(5000);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.failingKeys()).containsExactly(key.toHexString());
        assertThat(r.evidence()).contains(
                key.toHexString() + " transformation_configs.total_transformations: type change int " + asLong + " → long "
                        + asLong,
                key.toHexString() + " dataset_metadata.pii_report.masked: extra in target (bool true)");
    }

    @Test
    void reportsADeletedTargetDocumentAsMissing() {
        ObjectId key = fx.migratedKey(100);
        fx.target(CONFIGS).deleteOne(eq("_id", key));
        fx.target(METADATA).updateOne(eq("_id", key), new Document("$unset", new Document("user_id", "")));

        CheckResult r = sample(5000);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.mismatched()).as("one source record, wrong in two targets").isEqualTo(1);
        assertThat(r.evidence()).anyMatch(l -> l.startsWith(key.toHexString() + " transformation_configs: document missing"))
                .anyMatch(l -> l.startsWith(key.toHexString() + " dataset_metadata.user_id: missing in target (expected string"));
        assertThat(r.summary()).startsWith("1 of 2,995 sampled records of 3,000");
    }
}
