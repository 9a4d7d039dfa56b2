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
import dev.ferry.store.mongo.MongoJournal;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChecksumCheckTest extends OneServerPerClass {

    private Plan plan;

    @BeforeEach
    void migrate() {
        fx = MigrationFixture.seed(uri, 3000, 600, 0);
        plan = fx.plan(new Document(), List.of());
        fx.migrate(plan);
    }

    private CheckResult checksum(int batch) {
        return new ChecksumCheck(new CheckSpec.Checksum("content"), batch)
                .run(new CheckContext(fx.store, plan, MigrationFixture.MAPPER));
    }

    @Test
    void passesOnACorrectMigrationAndSkipsQuarantinedRecords() {
        CheckResult r = checksum(ChecksumCheck.DEFAULT_BATCH);

        assertThat(r.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(r.checked()).isEqualTo(2995);
        assertThat(r.total()).isEqualTo(3000);
        assertThat(r.mismatched()).isZero();
        assertThat(r.summary()).isEqualTo(
                "all 2,995 source records match their target documents by checksum (5 quarantined skipped)");
        assertThat(r.evidence()).anyMatch(l -> l.startsWith("db.user_data.find({}).sort({\"_id\": 1}).batchSize(1000)"
                + " → 3,000 records"));
        String metadata = r.evidence().stream().filter(l -> l.startsWith("dataset_metadata: expected")).findFirst().orElseThrow();
        String sums = metadata.substring("dataset_metadata: expected ".length(), metadata.indexOf(';'));
        assertThat(metadata).startsWith("dataset_metadata: expected 2995 docs, checksum ")
                .contains("stored (found) " + sums + ";", "0 missing, 0 differing");
    }

    @Test
    void pagesAcrossBatchBoundariesWithoutLosingOrRepeatingRecords() {
        CheckResult r = checksum(128);

        assertThat(r.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(r.total()).isEqualTo(3000);
        assertThat(r.checked()).isEqualTo(2995);
    }

    @Test
    void failsOnAChangedFieldAndNamesTheSourceKey() {
        ObjectId key = fx.migratedKey(1500);
        fx.target(CONFIGS).updateOne(eq("_id", key), set("config_id", "tampered"));

        CheckResult r = checksum(ChecksumCheck.DEFAULT_BATCH);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.failingKeys()).containsExactly(key.toHexString());
        assertThat(r.mismatched()).isEqualTo(1);
        assertThat(r.summary()).startsWith("1 of 2,995 source records mismatch");
        assertThat(r.evidence()).contains(key.toHexString() + " transformation_configs: content differs: config_id: expected "
                + "string \"" + key.toHexString() + "_config\", stored string \"tampered\"");
    }

    @Test
    void failsOnADeletedTargetDocument() {
        ObjectId key = fx.migratedKey(2990);
        fx.target(METADATA).deleteOne(eq("_id", key));

        CheckResult r = checksum(ChecksumCheck.DEFAULT_BATCH);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.failingKeys()).containsExactly(key.toHexString());
        assertThat(r.evidence()).anyMatch(l -> l.startsWith(key.toHexString() + " dataset_metadata: document missing"))
                .anyMatch(l -> l.startsWith("dataset_metadata: expected 2995 docs") && l.contains("1 missing, 0 differing"));
    }

    @Test
    void failsOnATargetDocumentNoSourceProduced() {
        fx.target(METADATA).insertOne(new Document("_id", new ObjectId()).append("filename", "stray.csv"));

        CheckResult r = checksum(ChecksumCheck.DEFAULT_BATCH);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.failingKeys()).isEmpty();
        assertThat(r.mismatched()).isEqualTo(1);
        assertThat(r.summary()).endsWith("; 1 in dataset_metadata target documents no source record produced");
        assertThat(r.evidence()).contains("db.dataset_metadata.countDocuments({}) → 2,996, 1 not produced by any source record");
    }

    @Test
    void withoutTheRunsQuarantineRecordsThatFailToMapAreMismatches() {
        fx.store.collection(MongoJournal.QUARANTINE).deleteMany(new Document());

        CheckResult r = checksum(ChecksumCheck.DEFAULT_BATCH);

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.failingKeys()).containsExactlyElementsOf(fx.quarantined.stream().map(ObjectId::toHexString).toList());
        assertThat(r.evidence()).anyMatch(l -> l.contains("maps with errors now, yet the run did not quarantine it"));
    }

    @Test
    void pagesOnAKeyOtherThanId() {
        fx.store.collection(MigrationFixture.SOURCE).find().forEach(d -> fx.store.collection(MigrationFixture.SOURCE)
                .updateOne(eq("_id", d.get("_id")), set("seq", fx.keys.indexOf(d.getObjectId("_id")))));
        Plan bySeq = new Plan(plan.name(), null, "h2", new dev.ferry.plan.SourceSpec(MigrationFixture.SOURCE, null, "seq"),
                plan.batch(), plan.targets(), plan.guardrails(), List.of(), plan.rollback());
        // the quarantine holds _id values; keyed on seq, those five records now count as failing to map
        fx.store.collection(MongoJournal.QUARANTINE).deleteMany(new Document());

        CheckResult r = new ChecksumCheck(new CheckSpec.Checksum("content"), 333)
                .run(new CheckContext(fx.store, bySeq, MigrationFixture.MAPPER));

        assertThat(r.total()).isEqualTo(3000);
        assertThat(r.checked()).isEqualTo(3000);
        assertThat(r.mismatched()).isEqualTo(5);
    }

    @Test
    void streamsTheTargetBesideTheSourceWhenIdsRiseAndFallsBackWhenTheyDoNot() {
        CheckResult streamed = new ChecksumCheck(new CheckSpec.Checksum("content"), 500)
                .run(new CheckContext(fx.store, plan, MigrationFixture.MAPPER));
        assertThat(streamed.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(streamed.evidence()).anyMatch(l -> l.contains("one scan of db." + METADATA));

        // keyed on a field that runs against _id: target ids fall from batch to batch
        fx.store.collection(MigrationFixture.SOURCE).find().forEach(d -> fx.store.collection(MigrationFixture.SOURCE)
                .updateOne(eq("_id", d.get("_id")), set("rev", 3000 - fx.keys.indexOf(d.getObjectId("_id")))));
        Plan byRev = new Plan(plan.name(), null, "h3", new dev.ferry.plan.SourceSpec(MigrationFixture.SOURCE, null, "rev"),
                plan.batch(), plan.targets(), plan.guardrails(), List.of(), plan.rollback());
        fx.store.collection(MongoJournal.QUARANTINE).deleteMany(new Document());
        CheckResult fallback = new ChecksumCheck(new CheckSpec.Checksum("content"), 500)
                .run(new CheckContext(fx.store, byRev, MigrationFixture.MAPPER));
        assertThat(fallback.checked()).isEqualTo(3000);
        assertThat(fallback.mismatched()).isEqualTo(5);
        assertThat(fallback.evidence()).anyMatch(l -> l.contains("$gte") || l.contains("$in"));
    }
}
