package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.UserDataGenerator;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real processes start the same run: exactly one runs, the other exits 3 naming the holder. Killing the holder
 * lets another process on the same host take the run over at once (its lease names a process that is gone) and
 * finish it.
 */
class TwoProcessLeaseTest {

    static final int DOCS = 4000;
    static final String PLAN = "plans/user-data-split.yaml";
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
    void twoProcessesStartTheSameRunAndExactlyOneRuns() throws Exception {
        MongoDatabase db = seeded("both");
        List<String> jvm = List.of("-Dferry.lease.ttl.seconds=30");
        List<Process> children = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path out = Files.createTempFile("ferry-lease", ".out");
            outputs.add(out);
            children.add(ChildFerry.start(jvm, out, "run", "--uri", mongo.uri("both"), "--plan", PLAN,
                    "--batch-size", "50"));
        }
        List<Integer> codes = new ArrayList<>();
        for (Process child : children) {
            assertThat(child.waitFor(3, TimeUnit.MINUTES)).isTrue();
            codes.add(child.exitValue());
        }
        // 1: completed, with the demo's invalid records in quarantine; 3: refused, the lease is held
        assertThat(codes).containsExactlyInAnyOrder(1, 3);
        String loser = Files.readString(outputs.get(codes.indexOf(3)));
        assertThat(loser).contains("is being run by").contains("last heartbeat").contains("still running")
                .contains("--wait").doesNotContain("null");
        assertThat(db.getCollection("ferry_runs").countDocuments()).isEqualTo(1);
        assertThat(db.getCollection("ferry_runs").find().first().getString("state")).isEqualTo("COMPLETED");
        assertThat(db.getCollection("dataset_metadata").countDocuments()
                + db.getCollection("ferry_quarantine").countDocuments()).isEqualTo(DOCS);
    }

    @Test
    void killingTheHolderLetsAnotherOnTheSameHostTakeOverAtOnce() throws Exception {
        MongoDatabase db = seeded("killed");
        List<String> jvm = List.of("-Dferry.lease.ttl.seconds=60");
        Path out = Files.createTempFile("ferry-holder", ".out");
        Process holder = ChildFerry.start(jvm, out, "run", "--uri", mongo.uri("killed"), "--plan", PLAN,
                "--batch-size", "50");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (processed(db) < 200) {
            assertThat(holder.isAlive()).as(Files.readString(out)).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
        holder.destroyForcibly();
        holder.waitFor(30, TimeUnit.SECONDS);

        // the lease (60 s) names the dead process on this host: the next run takes over without waiting for it
        ChildFerry.Result takeover = ChildFerry.run(jvm, "run", "--uri", mongo.uri("killed"), "--plan", PLAN);
        assertThat(takeover.code()).as("completed, with records in quarantine: " + takeover.output()).isEqualTo(1);
        assertThat(takeover.output()).contains("Resuming run").contains("no longer running");
        assertThat(db.getCollection("ferry_runs").countDocuments()).isEqualTo(1);
        assertThat(db.getCollection("dataset_metadata").countDocuments()
                + db.getCollection("ferry_quarantine").countDocuments()).isEqualTo(DOCS);
    }

    private static MongoDatabase seeded(String name) {
        MongoDatabase db = mongo.database(name);
        db.getCollection("user_data").insertMany(new UserDataGenerator(9).documents(0, DOCS));
        return db;
    }

    private static long processed(MongoDatabase db) {
        Document run = db.getCollection("ferry_runs").find().first();
        return run == null ? 0 : ((Number) run.get("processed")).longValue();
    }
}
