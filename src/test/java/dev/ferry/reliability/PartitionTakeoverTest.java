package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.UserDataGenerator;
import dev.ferry.engine.Partition;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A worker process given one partition is SIGKILLed mid-range; the run's coordinator works the other range meanwhile,
 * takes the dead worker's range over once its lease expires, reverts what it wrote after its checkpoint and finishes
 * it. The run is then checksum-identical to the same run in one piece, validates, and rolls back to the state before.
 */
class PartitionTakeoverTest {

    static final int DOCS = 1200;
    static final Path PLAN = Path.of("plans/user-data-split.yaml");
    static final Duration TTL = Duration.ofSeconds(3);
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
    void aKilledPartitionWorkerIsTakenOverAndTheRunEndsAsOneWorkerWouldEndIt() throws Exception {
        MongoDatabase parted = seeded("parted");
        MongoDatabase single = seeded("single");
        Plan plan = PlanLoader.load(PLAN).withBatchSize(50).withPartitions(2);
        List<String> before = List.of(sum(parted, "dataset_metadata").toString(),
                sum(parted, "transformation_configs").toString());
        RunReport one;
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("single"))) {
            one = ferry.run(PlanLoader.load(PLAN).withBatchSize(50), new RunControl(), e -> { });
        }

        List<Partition> ranges;
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("parted")).withLeaseTtl(TTL)) {
            ranges = ferry.partitions(plan, 2);
        }
        assertThat(ranges).hasSize(2);
        Path out = Files.createTempFile("ferry-partition-worker", ".out");
        Process worker = ChildFerry.start(List.of("-Dferry.lease.ttl.seconds=" + TTL.toSeconds()), out, "run",
                "--uri", mongo.uri("parted"), "--plan", PLAN.toString(), "--batch-size", "50", "--partitions", "2",
                "--partition", "1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (processedInRange(parted, ranges.get(0).runId(), 0) < 150) {
            assertThat(worker.isAlive()).as(Files.readString(out)).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
        worker.destroyForcibly(); // SIGKILL: no release of its lease, no last checkpoint
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killedAfter = processedInRange(parted, ranges.get(0).runId(), 0);

        RunReport run;
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("parted")).withLeaseTtl(TTL)) {
            run = ferry.run(plan, new RunControl(), e -> { });
        }
        assertThat(run.runId()).isEqualTo(ranges.get(0).runId());
        assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
        assertThat(run.processed()).isEqualTo(DOCS).isEqualTo(one.processed());
        assertThat(run.quarantined()).isEqualTo(one.quarantined());
        Document range = parted.getCollection("ferry_partitions").find(new Document("run", run.runId())
                .append("index", 0)).first();
        assertThat(range.getInteger("takeovers")).isEqualTo(1);
        assertThat(range.getString("state")).isEqualTo("DONE");
        assertThat(killedAfter).isLessThan(DOCS / 2);
        for (String target : List.of("dataset_metadata", "transformation_configs")) {
            assertThat(sum(parted, target)).as(target).isEqualTo(sum(single, target));
        }
        assertThat(parted.getCollection("ferry_quarantine").countDocuments())
                .isEqualTo(single.getCollection("ferry_quarantine").countDocuments());

        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("parted")).withLeaseTtl(TTL)) {
            ValidationReport checks = ferry.validate(plan);
            assertThat(checks.checks()).allSatisfy(c -> assertThat(c.status().name()).as(c.summary())
                    .isEqualTo("PASSED"));
            RollbackReport back = ferry.rollback(plan, null, e -> { });
            assertThat(back.verified()).as(String.join("\n", back.verification())).isTrue();
        }
        assertThat(List.of(sum(parted, "dataset_metadata").toString(),
                sum(parted, "transformation_configs").toString())).isEqualTo(before);
    }

    private static MongoDatabase seeded(String name) {
        MongoDatabase db = mongo.database(name);
        db.getCollection("user_data").insertMany(new UserDataGenerator(9).documents(0, DOCS));
        return db;
    }

    private static long processedInRange(MongoDatabase db, String runId, int index) {
        Document d = db.getCollection("ferry_partitions").find(new Document("run", runId).append("index", index))
                .first();
        return d == null ? 0 : ((Number) d.get("checkpoint", Document.class).get("processed")).longValue();
    }

    private static DocumentChecksum.Sum sum(MongoDatabase db, String collection) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (Document d : db.getCollection(collection).find()) {
            sum = sum.add(d);
        }
        return sum;
    }
}
