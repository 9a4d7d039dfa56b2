package dev.ferry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.UserDataGenerator;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.plan.PlanLoader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry run --runner spark --master local[2]} for real: the CLI in a child JVM submits through Spark's launcher
 * to the Spark home and application jar {@code mvn -P spark package} built (this runs in that profile's verify).
 * The Spark JVM is SIGKILLed mid-partition (local mode's executor is that JVM); the same command then resumes, its
 * first range's first task attempt failing after three batches so Spark retries it; the run ends checksum-identical
 * to a run in one piece, validates, and rolls back on Spark (each range undone by a task) to the state before.
 */
class RunOnSparkIT {

    static final int DOCS = 3000;
    static final Path PLAN = Path.of("plans/user-data-split.yaml");
    static final List<String> TARGETS = List.of("dataset_metadata", "transformation_configs");
    static InProcessMongo mongo;
    static Path logs;

    @BeforeAll
    static void start() throws Exception {
        mongo = new InProcessMongo();
        logs = Files.createTempDirectory("ferry-spark-logs");
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void aKilledSparkRunResumesRetriesItsTasksAndEndsAsOneWorkerWould() throws Exception {
        MongoDatabase spark = seeded("spark");
        MongoDatabase single = seeded("single");
        List<String> before = sums(spark);
        RunReport one;
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("single"))) {
            one = ferry.run(PlanLoader.load(PLAN).withBatchSize(50), new RunControl(), e -> { });
        }

        Path out = Files.createTempFile("ferry-spark-run", ".out");
        Process cli = ChildFerry.start(jvm(), out, run());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (processedInRange(spark, 0) < 200) {
            assertThat(cli.isAlive()).as(Files.readString(out)).isTrue();
            assertThat(System.nanoTime()).as(Files.readString(out)).isLessThan(deadline);
            Thread.sleep(5);
        }
        ProcessHandle driver = sparkJvm(cli).orElseThrow(() -> new AssertionError("no Spark JVM under the CLI"));
        driver.destroyForcibly(); // SIGKILL: the driver and its executor threads, no lease released
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String first = Files.readString(out);
        assertThat(cli.exitValue()).as(first).isEqualTo(3);
        assertThat(first).contains("Spark application local-").contains("Run the same command again to resume");
        long killedAt = processedInRange(spark, 0);
        assertThat(killedAt).isLessThan(DOCS);

        List<String> again = new ArrayList<>(List.of(run()));
        again.addAll(List.of("--spark-conf", "spark.ferry.drill.failTaskAfterBatches=3"));
        ChildFerry.Result resumed = ferry(again.toArray(String[]::new));
        assertThat(resumed.output()).contains("Migration complete").contains("(resumed)");
        assertThat(resumed.code()).as(resumed.output()).isEqualTo(one.quarantined() > 0 ? 1 : 0);
        String sparkLog = newestSparkLog();
        assertThat(sparkLog).contains("drill: the task of partition 1 of 2 fails after 3 batches")
                .containsPattern("partition 1 done: \\d+ read, \\d+ quarantined in \\d+ ms \\(task attempt 1");

        Document range = spark.getCollection("ferry_partitions").find(new Document("index", 0)).first();
        assertThat(range.getString("state")).isEqualTo("DONE");
        assertThat(range.getInteger("takeovers")).isGreaterThanOrEqualTo(1);
        for (String target : TARGETS) {
            assertThat(sum(spark, target)).as(target).isEqualTo(sum(single, target));
            assertThat(spark.getCollection(target).countDocuments()).isEqualTo(single.getCollection(target)
                    .countDocuments());
        }
        assertThat(spark.getCollection("ferry_quarantine").countDocuments())
                .isEqualTo(single.getCollection("ferry_quarantine").countDocuments());

        ChildFerry.Result validated = ferry("validate", "--uri", mongo.uri("spark"), "--plan",
                PLAN.toString());
        assertThat(validated.code()).as(validated.output()).isZero();
        ChildFerry.Result rolledBack = ferry("rollback", "--uri", mongo.uri("spark"), "--plan",
                PLAN.toString(), "--yes", "--runner", "spark", "--master", "local[2]", "--spark-home",
                "target/spark-home", "--spark-jar", "target/ferry-spark.jar");
        assertThat(rolledBack.code()).as(rolledBack.output()).isZero();
        assertThat(rolledBack.output()).contains("Undoing run").contains("2 partitions as Spark tasks");
        assertThat(newestSparkLog()).containsPattern("partition 1 of 2 undone: deleted \\{[^}]+=\\d+")
                .containsPattern("partition 2 of 2 undone: deleted \\{[^}]+=\\d+");
        assertThat(sums(spark)).isEqualTo(before);
    }

    /** The CLI to its end: up to five minutes, as a Spark application starts slowly on a busy machine. */
    private static ChildFerry.Result ferry(String... args) throws Exception {
        Path out = Files.createTempFile("ferry-spark-child", ".out");
        Process p = ChildFerry.start(jvm(), out, args);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("ferry " + String.join(" ", args) + " did not finish in 5 minutes:\n"
                    + Files.readString(out));
        }
        return new ChildFerry.Result(p.exitValue(), Files.readString(out));
    }

    private static String[] run() {
        return new String[] {"run", "--uri", mongo.uri("spark"), "--plan", PLAN.toString(), "--batch-size", "50",
            "--partitions", "2", "--runner", "spark", "--master", "local[2]", "--spark-home", "target/spark-home",
            "--spark-jar", "target/ferry-spark.jar"};
    }

    private static List<String> jvm() {
        return List.of("-Dferry.lease.ttl.seconds=3", "-Dferry.log.dir=" + logs);
    }

    /** The JVM spark-submit became (its script execs it): Spark's driver, with local mode's executor inside. */
    private static Optional<ProcessHandle> sparkJvm(Process cli) {
        return cli.descendants().filter(p -> p.info().commandLine().orElse("")
                .contains("org.apache.spark.deploy.SparkSubmit")).findFirst();
    }

    private static String newestSparkLog() throws Exception {
        try (Stream<Path> files = Files.list(logs.resolve("spark"))) {
            Path newest = files.max((a, b) -> a.toFile().lastModified() < b.toFile().lastModified() ? -1
                    : a.toFile().lastModified() > b.toFile().lastModified() ? 1 : 0).orElseThrow();
            return Files.readString(newest);
        }
    }

    private static MongoDatabase seeded(String name) {
        MongoDatabase db = mongo.database(name);
        db.getCollection("user_data").insertMany(new UserDataGenerator(9).documents(0, DOCS));
        return db;
    }

    private static long processedInRange(MongoDatabase db, int index) {
        Document d = db.getCollection("ferry_partitions").find(new Document("index", index)).first();
        return d == null ? 0 : ((Number) d.get("checkpoint", Document.class).get("processed")).longValue();
    }

    private static List<String> sums(MongoDatabase db) {
        return TARGETS.stream().map(t -> sum(db, t).toString()).toList();
    }

    private static DocumentChecksum.Sum sum(MongoDatabase db, String collection) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (Document d : db.getCollection(collection).find()) {
            sum = sum.add(d);
        }
        return sum;
    }
}
