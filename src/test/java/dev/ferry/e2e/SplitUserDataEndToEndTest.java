package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.UserDataGenerator;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runbook 000's split on generated demo data, as the runbook walks it: dry run, run, validate, roll back. */
class SplitUserDataEndToEndTest {

    static final Path PLAN = Path.of("plans/user-data-split.yaml");
    static InProcessMongo mongo;

    @BeforeAll
    static void start() {
        mongo = new InProcessMongo();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void dryRunRunValidateAndRollBackToTheUntouchedSource() {
        MongoDatabase db = mongo.database("e2e");
        UserDataGenerator generator = new UserDataGenerator(7);
        db.getCollection("user_data").insertMany(generator.documents(0, 3000));
        long invalid = java.util.stream.IntStream.range(0, 3000).filter(generator::hasInvalidHistory).count();
        DocumentChecksum.Sum sourceBefore = sum(db, "user_data");
        Plan plan = PlanLoader.load(PLAN);

        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("e2e"))) {
            DryRunReport dry = ferry.dryRun(plan, e -> { });
            assertThat(dry.sourceRecords()).isEqualTo(3000);
            assertThat(dry.errorCount()).isEqualTo(invalid).isPositive();
            assertThat(dry.targets()).allSatisfy(t -> assertThat(t.wouldInsert()).isEqualTo(3000 - invalid));
            assertThat(db.getCollection("dataset_metadata").countDocuments()).isZero();

            RunReport run = ferry.run(plan, new RunControl(), e -> { });
            assertThat(run.state()).isEqualTo(RunState.COMPLETED);
            assertThat(run.quarantined()).isEqualTo(invalid);
            assertThat(db.getCollection("transformation_configs").countDocuments()).isEqualTo(3000 - invalid);
            Document config = db.getCollection("transformation_configs").find().first();
            assertThat(config.getString("config_id")).isEqualTo(config.getString("dataset_id") + "_config");

            ValidationReport validation = ferry.validate(plan);
            assertThat(validation.checks()).extracting(CheckResult::name)
                    .containsExactly("count", "sample", "transformation-history", "checksum");
            assertThat(validation.passed()).as(validation.toString()).isTrue();

            Document original = db.getCollection("dataset_metadata").find(new Document("_id", config.get("_id"))).first();
            db.getCollection("dataset_metadata").updateOne(new Document("_id", config.get("_id")),
                    new Document("$set", new Document("num_rows", -1)));
            ValidationReport corrupted = ferry.validate(plan);
            assertThat(corrupted.passed()).isFalse();
            CheckResult checksum = corrupted.checks().get(3);
            assertThat(checksum.status()).isEqualTo(CheckResult.CheckStatus.FAILED);
            assertThat(checksum.failingKeys()).containsExactly(config.getObjectId("_id").toHexString());
            db.getCollection("dataset_metadata").replaceOne(new Document("_id", config.get("_id")), original);
            assertThat(ferry.validate(plan).passed()).isTrue();

            RollbackReport rollback = ferry.rollback(plan, null, e -> { });
            assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
            assertThat(db.getCollection("dataset_metadata").countDocuments()).isZero();
            assertThat(db.getCollection("transformation_configs").countDocuments()).isZero();
            assertThat(sum(db, "user_data")).isEqualTo(sourceBefore);
            assertThat(ferry.history(plan.name()).get(0).state()).isEqualTo(RunState.ROLLED_BACK);
        }
    }

    static DocumentChecksum.Sum sum(MongoDatabase db, String collection) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (Document d : db.getCollection(collection).find().batchSize(1000)) {
            sum = sum.add(d);
        }
        return sum;
    }
}
