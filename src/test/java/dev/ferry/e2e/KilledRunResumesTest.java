package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.UserDataGenerator;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.testing.InProcessMongo;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The split run by the real CLI in a child JVM, killed with SIGKILL mid-way (several times, at different points),
 * then finished: the targets must equal, by checksum, those of an uninterrupted run — nothing lost, nothing twice —
 * and the rollback must still undo everything.
 */
class KilledRunResumesTest {

    static final int DOCS = 4000;
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
    void aRunKilledAtAnyPointResumesFromItsCheckpoint() throws Exception {
        Plan plan = PlanLoader.load(SplitUserDataEndToEndTest.PLAN);
        MongoDatabase reference = seeded("reference");
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("reference"))) {
            assertThat(ferry.run(plan, new RunControl(), e -> { }).state()).isEqualTo(RunState.COMPLETED);
        }

        MongoDatabase crashed = seeded("crashed");
        List<Long> killedAt = new ArrayList<>();
        for (long threshold : new long[] {300, 1500, 2900}) {
            killedAt.add(runInChildAndKill(crashed, threshold));
        }
        assertThat(killedAt).isSorted().allSatisfy(p -> assertThat(p).isLessThan(DOCS));

        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("crashed")).withLeaseTtl(Duration.ofSeconds(2))) {
            assertThat(ferry.history(plan.name()).get(0).state()).isEqualTo(RunState.INTERRUPTED);
            RunReport finished = ferry.run(plan, new RunControl(), e -> { });
            assertThat(finished.resumed()).isTrue();
            assertThat(finished.state()).isEqualTo(RunState.COMPLETED);
            assertThat(finished.processed()).isEqualTo(DOCS);
            assertThat(ferry.history(plan.name())).hasSize(1);

            for (String target : List.of("dataset_metadata", "transformation_configs")) {
                assertThat(SplitUserDataEndToEndTest.sum(crashed, target))
                        .as(target).isEqualTo(SplitUserDataEndToEndTest.sum(reference, target));
            }
            assertThat(crashed.getCollection("ferry_quarantine").countDocuments())
                    .isEqualTo(reference.getCollection("ferry_quarantine").countDocuments());
            assertThat(ferry.validate(plan).passed()).isTrue();

            RollbackReport rollback = ferry.rollback(plan, null, e -> { });
            assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
            assertThat(crashed.getCollection("dataset_metadata").countDocuments()).isZero();
        }
    }

    private static MongoDatabase seeded(String name) {
        MongoDatabase db = mongo.database(name);
        UserDataGenerator generator = new UserDataGenerator(11);
        for (int i = 0; i < DOCS; i += 1000) {
            db.getCollection("user_data").insertMany(generator.documents(i, 1000));
        }
        return db;
    }

    /** Starts {@code ferry run} in a child JVM and SIGKILLs it once the journal shows {@code threshold} processed. */
    private static long runInChildAndKill(MongoDatabase db, long threshold) throws Exception {
        Path log = Files.createTempFile("ferry-child", ".log");
        Process child = new ProcessBuilder(javaBin(), "-cp", classPath(), "-Dferry.lease.ttl.seconds=2",
                "-Dferry.log.dir=" + log.getParent(), "dev.ferry.app.Launcher", "run",
                "--uri", mongo.uri(db.getName()), "--plan", SplitUserDataEndToEndTest.PLAN.toString(),
                "--batch-size", "100")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (processed(db) < threshold) {
                assertThat(child.isAlive()).as("child ended before the kill point; its output:\n"
                        + Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("child made no progress").isLessThan(deadline);
                Thread.sleep(5);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
            child.waitFor(30, TimeUnit.SECONDS);
        }
        Thread.sleep(2100); // the dead child's lease expires
        return processed(db);
    }

    private static long processed(MongoDatabase db) {
        Document run = db.getCollection("ferry_runs").find().first();
        return run == null ? 0 : ((Number) run.get("processed")).longValue();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null ? cp : System.getProperty("java.class.path").replace(File.pathSeparator, File.pathSeparator);
    }
}
