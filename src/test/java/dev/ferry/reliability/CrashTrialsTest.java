package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.UserDataGenerator;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crash trials: runbook 000's split run by the real CLI in a child JVM, SIGKILLed at a seeded random point (a random
 * record count, then a random delay, so kills land while reading, mapping, writing or checkpointing), then finished.
 * After each: the run shows as interrupted, the targets are checksum-identical to an uninterrupted run's, the same
 * records are quarantined, nothing is lost or doubled. Trial 0 is resumed and trial 1 rolled back by the CLI.
 * {@code -Dferry.reliability.trials} sets the count (3 by default; 20 with {@code mvn verify -Preliability}).
 */
class CrashTrialsTest {

    static final int DOCS = 2000;
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
    void killedAtSeededRandomPointsTheSplitFinishesAsIfNeverInterrupted() throws Exception {
        int trials = Integer.getInteger("ferry.reliability.trials", 3);
        long seed = Long.getLong("ferry.reliability.seed", 20261122L);
        Random random = new Random(seed);
        Plan plan = PlanLoader.load(PLAN);
        MongoDatabase reference = seeded("reference");
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("reference"))) {
            assertThat(ferry.run(plan, new RunControl(), e -> { }).state()).isEqualTo(RunState.COMPLETED);
        }
        StringBuilder figures = new StringBuilder();
        for (int trial = 0; trial < trials; trial++) {
            String name = "trial" + trial;
            MongoDatabase db = seeded(name);
            DocumentChecksum.Sum sourceBefore = sum(db, "user_data");
            long threshold = 1 + random.nextInt(DOCS - 200);
            int delayMs = random.nextInt(60);
            long killedAt = runAndKill(db, threshold, delayMs);
            figures.append(String.format("trial %d: kill after %d records + %d ms, journal at %d%n", trial, threshold,
                    delayMs, killedAt));
            Thread.sleep(2100); // the dead child's lease expires

            if (trial == 1) { // roll back from the CLI instead of resuming
                ChildFerry.Result rollback = ChildFerry.run(List.of("-Dferry.lease.ttl.seconds=2"), "rollback",
                        "--uri", mongo.uri(name), "--plan", PLAN.toString(), "--yes");
                assertThat(rollback.code()).as(rollback.output()).isZero();
                for (String target : TARGETS) {
                    assertThat(db.getCollection(target).countDocuments()).as(target).isZero();
                }
                assertThat(sum(db, "user_data")).isEqualTo(sourceBefore);
                continue;
            }
            if (trial == 0) { // the CLI shows the dead run as interrupted, and resumes it
                ChildFerry.Result status = ChildFerry.run(List.of(), "status", "--uri", mongo.uri(name), "--json");
                assertThat(status.output()).contains("INTERRUPTED").doesNotContain("\"RUNNING\"");
                ChildFerry.Result resumed = ChildFerry.run(List.of("-Dferry.lease.ttl.seconds=2"), "run", "--uri",
                        mongo.uri(name), "--plan", PLAN.toString(), "--batch-size", "100");
                assertThat(resumed.code()).as("completed, with the demo's invalid records in quarantine: "
                        + resumed.output()).isEqualTo(1);
                assertThat(resumed.output()).contains("Resuming run")
                        .contains("⚠ Migration complete with records in quarantine");
            } else {
                try (SplitEngine ferry = SplitEngine.connect(mongo.uri(name)).withLeaseTtl(Duration.ofSeconds(2))) {
                    assertThat(ferry.history(plan.name()).get(0).state()).isEqualTo(RunState.INTERRUPTED);
                    RunReport finished = ferry.run(plan.withBatchSize(100 + random.nextInt(300)), new RunControl(),
                            e -> { });
                    assertThat(finished.state()).isEqualTo(RunState.COMPLETED);
                    assertThat(finished.processed()).isEqualTo(DOCS);
                }
            }
            for (String target : TARGETS) {
                assertThat(sum(db, target)).as("%s after trial %d", target, trial)
                        .isEqualTo(sum(reference, target));
            }
            assertThat(db.getCollection("ferry_quarantine").distinct("key", org.bson.BsonValue.class).into(new java.util.HashSet<>()))
                    .isEqualTo(reference.getCollection("ferry_quarantine").distinct("key", org.bson.BsonValue.class)
                            .into(new java.util.HashSet<>()));
            assertThat(db.getCollection("ferry_runs").countDocuments()).isEqualTo(1);
            db.drop();
        }
        System.err.printf("crash trials (seed %d): %d%n%s", seed, trials, figures);
    }

    private static DocumentChecksum.Sum sum(MongoDatabase db, String collection) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (Document d : db.getCollection(collection).find().batchSize(1000)) {
            sum = sum.add(d);
        }
        return sum;
    }

    private static MongoDatabase seeded(String name) {
        MongoDatabase db = mongo.database(name);
        db.getCollection("user_data").insertMany(new UserDataGenerator(11).documents(0, DOCS));
        return db;
    }

    /** Starts {@code ferry run} in a child JVM and SIGKILLs it {@code delayMs} after the journal shows the threshold. */
    private static long runAndKill(MongoDatabase db, long threshold, int delayMs) throws Exception {
        Path out = Files.createTempFile("ferry-crash", ".out");
        Process child = ChildFerry.start(List.of("-Dferry.lease.ttl.seconds=2"), out, "run", "--uri",
                mongo.uri(db.getName()), "--plan", PLAN.toString(), "--batch-size", "100");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (processed(db) < threshold) {
                assertThat(child.isAlive()).as("child ended before the kill point:\n" + Files.readString(out)).isTrue();
                assertThat(System.nanoTime()).as("child made no progress").isLessThan(deadline);
                Thread.sleep(2);
            }
            Thread.sleep(delayMs);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(processed(db)).as("the kill came before the end").isLessThan(DOCS);
        return processed(db);
    }

    private static long processed(MongoDatabase db) {
        Document run = db.getCollection("ferry_runs").find().first();
        return run == null ? 0 : ((Number) run.get("processed")).longValue();
    }
}
