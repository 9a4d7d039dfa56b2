package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunState;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.plan.PlanLoader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.testing.AccountExport;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of {@code ferry run}, then {@code ferry run} at once on the same host: the lease records the holder's
 * host, process id and start time, so a holder whose process is gone is taken over immediately (not after its lease's
 * 60 s) and the run resumes to the targets of a run never interrupted — with accounts repeated across batches, so
 * that what the killed attempt wrote is not written over either. Fencing still holds against a live but stopped
 * process (SIGSTOP) and a holder on another host; {@code run --wait} waits for a live holder with a countdown.
 */
class DeadHolderTakeoverTest {

    static final int LINES = 3000;
    static final String PLAN = """
            name: accounts-by-number
            source: { collection: account_export, key: _id }
            batch: { size: 50 }
            targets:
              - collection: accounts
                id: { from: account_no }
                fields:
                  holder: { from: holder }
                  opened: { from: opened, convert: { to: date, pattern: "dd/MM/yyyy" } }
                  branch: { from: branch }
                  export_id: { from: _id }
            guardrails: { max_error_rate: 0.2, on_breach: pause }
            """;
    static InProcessMongo mongo;
    static Path plan;

    @BeforeAll
    static void start() throws Exception {
        mongo = new InProcessMongo();
        plan = Files.createTempFile("accounts", ".yaml");
        Files.writeString(plan, PLAN);
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void aRunKilledWithSigkillIsTakenOverAtOnceOnTheSameHost() throws Exception {
        MongoDatabase reference = seeded("takeover_reference");
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("takeover_reference"))) {
            assertThat(ferry.run(PlanLoader.load(plan), new RunControl(), e -> { }).state())
                    .isEqualTo(RunState.COMPLETED);
        }
        MongoDatabase db = seeded("takeover");
        Path out = Files.createTempFile("ferry-killed", ".out");
        Process holder = ChildFerry.start(List.of("-Dferry.lease.ttl.seconds=60"), out, "run", "--uri",
                mongo.uri("takeover"), "--plan", plan.toString());
        waitUntilProcessed(db, 400, holder, out);
        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Document lease = db.getCollection("ferry_leases").find().first();
        assertThat(lease).as("the dead holder's lease is still there, for a minute").isNotNull();
        assertThat(lease.get("pid", Number.class).longValue()).isEqualTo(holder.pid());
        assertThat(lease.get("processStart")).isInstanceOf(Date.class);

        long t0 = System.nanoTime();
        ChildFerry.Result resumed = ChildFerry.run(List.of("-Dferry.lease.ttl.seconds=60"), "run", "--uri",
                mongo.uri("takeover"), "--plan", plan.toString());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertThat(resumed.code()).as("completed with the repeated accounts in quarantine: " + resumed.output())
                .isEqualTo(1);
        assertThat(resumed.output()).contains("Resuming run").contains("no longer running")
                .contains("⚠ Migration complete with records in quarantine").doesNotContain("null");
        assertThat(seconds).as("taken over at once, not after the dead holder's 60 s lease").isLessThan(45);
        System.err.println("takeover: resumed " + seconds + " s after the kill (lease time 60 s)");

        assertThat(sum(db, "accounts")).isEqualTo(sum(reference, "accounts"));
        assertThat(keys(db, "ferry_quarantine")).isEqualTo(keys(reference, "ferry_quarantine"));
        assertThat(db.getCollection("ferry_runs").countDocuments()).isEqualTo(1);
    }

    @Test
    void aRollbackRightAfterTheKillTakesOverAtOnceAndRestoresTheTargets() throws Exception {
        MongoDatabase db = seeded("takeover_rollback");
        Path out = Files.createTempFile("ferry-killed", ".out");
        List<String> jvm = List.of("-Dferry.lease.ttl.seconds=60");
        Process holder = ChildFerry.start(jvm, out, "run", "--uri", mongo.uri("takeover_rollback"), "--plan",
                plan.toString());
        waitUntilProcessed(db, 400, holder, out);
        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

        long t0 = System.nanoTime();
        ChildFerry.Result rolledBack = ChildFerry.run(jvm, "rollback", "--uri", mongo.uri("takeover_rollback"),
                "--plan", plan.toString(), "--yes");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertThat(rolledBack.code()).as(rolledBack.output()).isZero();
        assertThat(rolledBack.output()).contains("no longer running").doesNotContain("null");
        assertThat(seconds).as("no lease time waited out").isLessThan(45);
        assertThat(db.getCollection("accounts").countDocuments()).isZero();
    }

    @Test
    void aLiveButStoppedHolderIsNotTakenOverAndRunWaitWaitsForItWithACountdown() throws Exception {
        MongoDatabase db = seeded("stalled");
        Path out = Files.createTempFile("ferry-stopped", ".out");
        Process holder = ChildFerry.start(List.of("-Dferry.lease.ttl.seconds=30"), out, "run", "--uri",
                mongo.uri("stalled"), "--plan", plan.toString());
        waitUntilProcessed(db, 200, holder, out);
        signal("STOP", holder.pid());
        Path waitOut = Files.createTempFile("ferry-wait", ".out");
        Process waiting;
        try {
            ChildFerry.Result refused = ChildFerry.run(List.of("-Dferry.lease.ttl.seconds=30"), "run", "--uri",
                    mongo.uri("stalled"), "--plan", plan.toString());
            assertThat(refused.code()).as(refused.output()).isEqualTo(3);
            assertThat(refused.output()).contains("is being run by").contains("process " + holder.pid())
                    .contains("still running").contains("--wait").doesNotContain("null");
            // the waiting run starts while the holder is still stopped, so it has someone to wait for
            waiting = ChildFerry.start(List.of("-Dferry.lease.ttl.seconds=30"), waitOut, "run", "--wait", "--uri",
                    mongo.uri("stalled"), "--plan", plan.toString());
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.readString(waitOut).contains("Waiting for") && waiting.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            signal("CONT", holder.pid());
        }
        assertThat(holder.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(waiting.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String waited = Files.readString(waitOut);
        assertThat(waited).contains("Waiting for").containsPattern("expires in [0-9]+ s").doesNotContain("null");
        assertThat(waited).as("the run it waited for finished meanwhile: nothing left to run")
                .contains("finished while this one waited");
        assertThat(db.getCollection("ferry_runs").countDocuments()).isEqualTo(1);
    }

    @Test
    void aHolderOnAnotherHostIsWaitedForUntilItsLeaseExpiresThenTakenOver() throws Exception {
        MongoDatabase db = seeded("elsewhere");
        Date now = new Date();
        db.getCollection("ferry_leases").insertOne(new Document("_id", "accounts-by-number")
                .append("plan", "accounts-by-number").append("owner", "ops@night-box:4242/accounts-by-number#abcd1234")
                .append("runId", null).append("host", "night-box").append("operator", "ops").append("pid", 4242L)
                .append("processStart", now).append("acquiredAt", now).append("heartbeatAt", now)
                .append("expiresAt", new Date(now.getTime() + 25_000)));
        ChildFerry.Result refused = ChildFerry.run(List.of(), "run", "--uri", mongo.uri("elsewhere"), "--plan",
                plan.toString());
        assertThat(refused.code()).as(refused.output()).isEqualTo(3);
        assertThat(refused.output()).contains("ops on night-box").contains("process 4242")
                .contains("opening its run").contains("lease expires at").contains("--wait").doesNotContain("null");

        ChildFerry.Result waited = ChildFerry.run(List.of(), "run", "--wait", "--uri", mongo.uri("elsewhere"),
                "--plan", plan.toString());
        assertThat(waited.code()).as(waited.output()).isEqualTo(1);
        assertThat(waited.output()).contains("Waiting for ops on night-box").containsPattern("expires in [0-9]+ s")
                .contains("Started run").contains("⚠ Migration complete");
    }

    private static MongoDatabase seeded(String name) {
        MongoDatabase db = mongo.database(name);
        db.getCollection("account_export").insertMany(AccountExport.documents(11, LINES));
        return db;
    }

    private static void waitUntilProcessed(MongoDatabase db, long records, Process child, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            Document run = db.getCollection("ferry_runs").find().first();
            if (run != null && ((Number) run.get("processed")).longValue() >= records) {
                return;
            }
            assertThat(child.isAlive()).as(Files.readString(out)).isTrue();
            assertThat(System.nanoTime()).as("the child got to " + records + " records").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static DocumentChecksum.Sum sum(MongoDatabase db, String collection) {
        DocumentChecksum.Sum s = DocumentChecksum.Sum.EMPTY;
        for (Document d : db.getCollection(collection).find()) {
            s = s.plus(new DocumentChecksum.Sum(1, DocumentChecksum.of(d)));
        }
        return s;
    }

    private static java.util.Set<Object> keys(MongoDatabase db, String collection) {
        return new HashSet<>(db.getCollection(collection).find().map(d -> d.get("key")).into(new ArrayList<>()));
    }
}
