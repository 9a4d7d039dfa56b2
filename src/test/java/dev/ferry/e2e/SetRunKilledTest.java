package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ferry.demo.EarlybirdDataset;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.set.mongo.MongoSetEngine;
import dev.ferry.engine.set.LeaseInfo;
import dev.ferry.engine.set.Selection;
import dev.ferry.engine.set.SetRefusedException;
import dev.ferry.engine.set.SetReport;
import dev.ferry.engine.set.SetStatusReport;
import dev.ferry.engine.set.VersionResult;
import dev.ferry.engine.set.VersionStatus;
import dev.ferry.plan.MigrationSet;
import dev.ferry.plan.MigrationSetLoader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry set up} in a second process (a child JVM) holds the set lease: this process is refused and sees the
 * holder. The child is then killed mid-version (SIGKILL): its version stays pending and shows as interrupted, its
 * lease expires by itself, and {@code set up} here finishes the set safely; {@code set down} then restores every
 * collection to its checksum before.
 */
class SetRunKilledTest {

    private static final Path SET = Path.of("sets", "earlybird");

    private InProcessMongo mongo;
    private MongoDatabase db;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
        db = mongo.database("earlybird");
        EarlybirdDataset.seed(db, 1200, 5);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aSecondProcessHoldsTheLeaseAndItsDeathLeavesAnInterruptedVersionThatTheNextRunFinishes() throws Exception {
        MigrationSet set = MigrationSetLoader.load(SET);
        Map<String, DocumentChecksum.Sum> before = checksums();
        Path log = Files.createTempFile("ferry-set-child", ".log");
        Process child = new ProcessBuilder(javaBin(), "-cp", classPath(), "-Dferry.lease.ttl.seconds=2",
                "-Dferry.log.dir=" + log.getParent(), "dev.ferry.app.Launcher", "set", "up",
                "--uri", mongo.uri("earlybird"), "--dir", SET.toString(), "--batch-size", "2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (MongoSetEngine sets = MongoSetEngine.connect(mongo.uri("earlybird")).withLeaseTtl(Duration.ofSeconds(2))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (db.getCollection("ferry_set_undo").countDocuments() < 5) {
                assertThat(child.isAlive()).as("child ended early:\n" + Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("child made no progress").isLessThan(deadline);
                Thread.sleep(5);
            }

            String childPid = ":" + child.pid() + "/";
            assertThatThrownBy(() -> sets.up(set, Selection.all(), new RunControl(), e -> { }))
                    .isInstanceOf(SetRefusedException.class)
                    .hasMessageContaining("Another set run holds the lease on database earlybird")
                    .hasMessageContaining(childPid).hasMessageContaining("earlybird: up");
            SetStatusReport running = sets.status(set);
            LeaseInfo holder = running.lease();
            assertThat(holder.owner()).contains(childPid);
            assertThat(holder.expiresAt()).isAfter(holder.heartbeatAt());
            assertThat(running.versions().get(0).status()).isEqualTo("pending");
            assertThat(running.versions().get(0).note()).startsWith("being applied now by");

            child.destroyForcibly(); // SIGKILL: no clean-up, the lease is not released
            child.waitFor(30, TimeUnit.SECONDS);
            Thread.sleep(2_100); // the dead child's lease expires by itself

            SetStatusReport after = sets.status(set);
            assertThat(after.lease()).isNull();
            VersionStatus v1 = after.versions().get(0);
            assertThat(v1.interrupted()).isTrue();
            assertThat(v1.note()).startsWith("interrupted: the process applying it stopped");
            long partly = db.getCollection("orders").countDocuments(Filters.exists("subscription_id"));
            assertThat(partly).isLessThan(1200);

            SetReport up = sets.up(set, Selection.all(), new RunControl(), e -> { });
            assertThat(up.succeeded()).as(up.message()).isTrue();
            assertThat(up.results()).extracting(VersionResult::label).containsExactly("001", "002", "003", "004", "005");
            assertThat(up.results().get(0).counts().get("earlier_attempt_unset")).isPositive();
            assertThat(db.getCollection("orders").countDocuments(Filters.exists("subscription_id", false))).isZero();
            Document history = db.getCollection("ferry_history").find(Filters.eq("version", 1L)).first();
            assertThat(history.getString("status")).isEqualTo("completed");
            assertThat(history.getInteger("attempts")).isEqualTo(2);

            SetReport down = sets.down(set, Selection.all(), new RunControl(), e -> { });
            assertThat(down.succeeded()).as(down.message()).isTrue();
            assertThat(checksums()).isEqualTo(before);
        } finally {
            child.destroyForcibly();
        }
    }

    private Map<String, DocumentChecksum.Sum> checksums() {
        Map<String, DocumentChecksum.Sum> sums = new TreeMap<>();
        for (String c : EarlybirdDataset.COLLECTIONS) {
            DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
            for (Document d : db.getCollection(c).find().batchSize(1000)) {
                sum = sum.add(d);
            }
            sums.put(c, sum);
        }
        return sums;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null ? cp : System.getProperty("java.class.path");
    }
}
