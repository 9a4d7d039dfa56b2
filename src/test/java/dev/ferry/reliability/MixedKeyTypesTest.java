package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunState;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.plan.PlanLoader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.InProcessMongo;
import dev.ferry.testing.LegacyUserData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A legacy user_data whose _ids mix numbers, strings, sub-documents and ObjectIds, split by runbook 000's plan in
 * one run: the CLI is SIGKILLed while the run is in the string bracket, resumed, validated and rolled back — one run,
 * one lease, one checkpoint, one undo log, and the targets equal an uninterrupted run's.
 */
class MixedKeyTypesTest {

    static final int DOCS = 3000;
    static final Path PLAN = Path.of("plans/user-data-split.yaml");
    static final List<String> TARGETS = List.of("dataset_metadata", "transformation_configs");
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
    void aCollectionWithSeveralKeyTypesRunsResumesValidatesAndRollsBackAsOne() throws Exception {
        MongoDatabase reference = seeded("mixed_reference");
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("mixed_reference"))) {
            assertThat(ferry.run(PlanLoader.load(PLAN).withBatchSize(100), new RunControl(), e -> { }).state())
                    .isEqualTo(RunState.COMPLETED);
        }
        MongoDatabase db = seeded("mixed");
        DocumentChecksum.Sum sourceBefore = sum(db, "user_data");

        long midStrings = LegacyUserData.numericKeys(DOCS) + LegacyUserData.stringKeys(DOCS) / 2;
        killWhenProcessed(db, midStrings);
        Document run = db.getCollection("ferry_runs").find().first();
        assertThat(run.get("lastKey")).as("the checkpoint is in the second type bracket").isInstanceOf(String.class);
        Thread.sleep(2100); // the dead child's lease expires

        ChildFerry.Result resumed = cli("run", "--uri", mongo.uri("mixed"), "--plan", PLAN.toString(),
                "--batch-size", "100");
        assertThat(resumed.code()).as("completed, with the invalid records in quarantine: " + resumed.output())
                .isEqualTo(1);
        assertThat(resumed.output()).contains("Resuming run").contains("⚠ Migration complete with records in quarantine");
        for (String target : TARGETS) {
            assertThat(sum(db, target)).as(target).isEqualTo(sum(reference, target));
        }
        assertThat(db.getCollection("ferry_runs").countDocuments()).isEqualTo(1);

        ChildFerry.Result validated = cli("validate", "--uri", mongo.uri("mixed"), "--plan", PLAN.toString());
        assertThat(validated.code()).as(validated.output()).isZero();

        ChildFerry.Result rolledBack = cli("rollback", "--uri", mongo.uri("mixed"), "--plan", PLAN.toString(),
                "--yes");
        assertThat(rolledBack.code()).as(rolledBack.output()).isZero();
        for (String target : TARGETS) {
            assertThat(db.getCollection(target).countDocuments()).as(target).isZero();
        }
        assertThat(sum(db, "user_data")).isEqualTo(sourceBefore);
    }

    private static ChildFerry.Result cli(String... args) throws Exception {
        return ChildFerry.run(List.of("-Dferry.lease.ttl.seconds=2"), args);
    }

    private static void killWhenProcessed(MongoDatabase db, long threshold) throws Exception {
        Path out = Files.createTempFile("ferry-mixed", ".out");
        Process child = ChildFerry.start(List.of("-Dferry.lease.ttl.seconds=2"), out, "run", "--uri",
                mongo.uri(db.getName()), "--plan", PLAN.toString(), "--batch-size", "100");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (processed(db) < threshold) {
                assertThat(child.isAlive()).as("child ended before the kill point:\n" + Files.readString(out)).isTrue();
                assertThat(System.nanoTime()).as("child made no progress").isLessThan(deadline);
                Thread.sleep(2);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static long processed(MongoDatabase db) {
        Document run = db.getCollection("ferry_runs").find().first();
        return run == null ? 0 : ((Number) run.get("processed")).longValue();
    }

    private static MongoDatabase seeded(String name) {
        MongoDatabase db = mongo.database(name);
        db.getCollection("user_data").insertMany(LegacyUserData.documents(11, DOCS));
        return db;
    }

    private static DocumentChecksum.Sum sum(MongoDatabase db, String collection) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (Document d : db.getCollection(collection).find().batchSize(1000)) {
            sum = sum.add(d);
        }
        return sum;
    }
}
