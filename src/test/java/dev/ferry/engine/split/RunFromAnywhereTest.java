package dev.ferry.engine.split;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.engine.AuditEntry;
import dev.ferry.engine.RequestOutcome;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunRequest;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.RunWatch;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.store.journal.BatchRecord;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.store.journal.RunSource;
import dev.ferry.store.journal.WorkerRecord;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.testing.InProcessMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A split run seen and steered through its journal, as another console or terminal does: a watch replays the run's
 * batches and events as the run emitted them (and two watches agree); pause, settings and resume asked through the
 * journal are honoured at the next batch and kept as the run's audit trail; a request to a run whose worker is gone
 * is refused with what to do.
 */
class RunFromAnywhereTest {

    private InProcessMongo mongo;
    private MongoDatabase db;
    private SplitEngine ferry;
    private SplitEngine other;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
        db = mongo.database("app");
        ferry = SplitEngine.connect(mongo.uri("app")).withCompiler(p -> TestPlans.MAPPER)
                .withLeaseTtl(Duration.ofSeconds(2));
        other = SplitEngine.connect(mongo.uri("app")).withCompiler(p -> TestPlans.MAPPER); // "another console"
    }

    @AfterEach
    void stop() {
        ferry.close();
        other.close();
        mongo.close();
    }

    @Test
    void aWatchReplaysTheRunFromItsFirstBatchAsItsWorkerSawItAndTwoWatchesAgree() throws Exception {
        db.getCollection("src").insertMany(TestPlans.sources(1050, 7, 700));
        Plan plan = TestPlans.split("p1", 100, Guardrails.none());
        List<RunEvent> before = new CopyOnWriteArrayList<>();
        try (RunWatch early = other.watch(plan, null, before::add)) { // watching before the run exists
            List<RunEvent> live = new ArrayList<>();
            RunReport report = ferry.run(plan, new RunControl(), live::add);
            assertThat(report.state()).isEqualTo(RunState.COMPLETED);
            List<RunEvent> after = new CopyOnWriteArrayList<>();
            try (RunWatch late = other.watch(plan, report.runId(), after::add)) { // a console opened afterwards
                await(() -> ended(before) && ended(after));
            }
            assertThat(batches(after)).isEqualTo(batches(live)).hasSize(11);
            assertThat(batches(before)).as("two watchers see the same figures").isEqualTo(batches(after));
            RunEvent.BatchDone lastLive = (RunEvent.BatchDone) live.stream()
                    .filter(RunEvent.BatchDone.class::isInstance).reduce((a, b) -> b).orElseThrow();
            RunEvent.BatchDone lastReplayed = (RunEvent.BatchDone) after.stream()
                    .filter(RunEvent.BatchDone.class::isInstance).reduce((a, b) -> b).orElseThrow();
            assertThat(lastReplayed.written()).isEqualTo(lastLive.written());
            assertThat(lastReplayed.latency().toMillis()).isEqualTo(lastLive.latency().toMillis());
            assertThat(lastReplayed.elapsed().toMillis()).isEqualTo(lastLive.elapsed().toMillis());
            assertThat(lastReplayed.targetBusy()).isBetween(0.0, 1.0);
            assertThat(after.get(0)).isInstanceOfSatisfying(RunEvent.Started.class, s -> {
                assertThat(s.total()).isEqualTo(1050);
                assertThat(s.runId()).isEqualTo(report.runId());
            });
            assertThat(after).filteredOn(RunEvent.Quarantined.class::isInstance).hasSize(2);
            assertThat(after.get(after.size() - 1)).isInstanceOfSatisfying(RunEvent.StateChanged.class,
                    c -> assertThat(c.state()).isEqualTo(RunState.COMPLETED));
        }
        RunSummary summary = other.history("p1").get(0);
        assertThat(summary.worker()).isNotNull();
        assertThat(summary.worker().verb()).isEqualTo("run");
        assertThat(summary.worker().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(summary.worker().endedAt()).isNotNull();
        assertThat(summary.worker().outcome()).startsWith("completed");
        assertThat(summary.audit()).extracting(AuditEntry::what).containsExactly("started", "completed");
    }

    @Test
    void pauseAndSettingsAskedThroughTheJournalAreHonouredAtTheNextBatchAndKeptAsTheAuditTrail() throws Exception {
        db.getCollection("src").insertMany(TestPlans.sources(10_000));
        Plan plan = TestPlans.split("p2", 100, Guardrails.none());
        SplitEngine slow = ferry.withCompiler(p -> source -> { // at least 25 ms a batch of 100: the run lasts seconds
            if ((Integer) source.get("_id") % 4 == 0) {
                sleep(1);
            }
            return TestPlans.MAPPER.map(source);
        });
        CompletableFuture<RunReport> running = CompletableFuture.supplyAsync(
                () -> slow.run(plan, new RunControl(), e -> { }));
        await(() -> !other.history("p2").isEmpty() && other.history("p2").get(0).processed() >= 200);
        RequestOutcome set = other.request(plan, null, RunRequest.set(50, 500.0));
        assertThat(set.accepted()).as(set.message()).isTrue();
        assertThat(set.worker().alive()).isTrue();
        String runId = set.runId();
        await(() -> batchReads(runId).contains(50L));
        long setSeenAt = System.nanoTime();
        long processedAtSet = other.history("p2").get(0).processed();
        Thread.sleep(1000);
        RequestOutcome pause = other.request(plan, null, RunRequest.pause());
        assertThat(pause.accepted()).as(pause.message()).isTrue();
        RunReport paused = running.get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - setSeenAt) / 1e9;
        assertThat(paused.state()).isEqualTo(RunState.PAUSED);
        assertThat(paused.message()).startsWith("paused by " + System.getProperty("user.name"));
        assertThat(paused.processed()).isLessThan(10_000);
        assertThat((paused.processed() - processedAtSet) / seconds).as("records/s under a limit of 500")
                .isLessThan(500 * 1.25);
        List<Long> reads = batchReads(runId);
        assertThat(reads.subList(reads.indexOf(50L), reads.size())).as("every batch after the new size")
                .containsOnly(50L);

        RequestOutcome again = other.request(plan, null, RunRequest.pause());
        assertThat(again.accepted()).isFalse();
        assertThat(again.message()).contains("is paused").contains("nothing to pause");
        RequestOutcome resume = other.request(plan, null, RunRequest.resume());
        assertThat(resume.accepted()).as(resume.message()).isTrue();
        RunReport done = ferry.run(plan, new RunControl(), e -> { });
        assertThat(done.state()).isEqualTo(RunState.COMPLETED);
        assertThat(done.processed()).isEqualTo(10_000);
        assertThat(db.getCollection("people").countDocuments()).isEqualTo(10_000);
        List<Long> resumedReads = batchReads(runId);
        assertThat(resumedReads.get(resumedReads.size() - 1)).as("the new batch size holds after the resume")
                .isLessThanOrEqualTo(50L);

        List<AuditEntry> audit = other.history("p2").get(0).audit();
        assertThat(audit).extracting(AuditEntry::what).containsSubsequence("started",
                "set batch size 50, rate limit 500/s requested", "pause requested", "paused", "resume requested",
                "resumed", "completed");
        assertThat(audit).filteredOn(a -> a.what().endsWith("requested")).allSatisfy(a -> {
            assertThat(a.by()).isEqualTo(System.getProperty("user.name"));
            assertThat(a.host()).isNotBlank();
            assertThat(a.detail()).startsWith("honoured at");
        });
    }

    @Test
    void aRequestToARunWhoseWorkerIsGoneIsRefusedAndOffersResume() {
        MongoStore store = MongoStore.connect(mongo.uri("app"));
        MongoJournal journal = new MongoJournal(store);
        Instant longAgo = Instant.now().minusSeconds(120);
        journal.runs().insert(RunRecord.started("run-dead", "p3", "hash-p3", "owner#1", "dba", "night-box", "app",
                new RunSource("src", null, "_id", "mongo"), List.of("people", "tags"), 100, Map.of(), longAgo));
        journal.workers().register(new WorkerRecord("w-dead", "p3", "run-dead", "run", "night-box", 4242, "dba",
                "/var/log/ferry/p3.log", longAgo, longAgo.plusSeconds(30), null, ""));
        Plan plan = TestPlans.split("p3", 100, Guardrails.none());

        RequestOutcome pause = other.request(plan, null, RunRequest.pause());
        assertThat(pause.accepted()).isFalse();
        assertThat(pause.resumable()).isTrue();
        assertThat(pause.message()).contains("pid 4242 on night-box").contains("has not been heard from since")
                .contains("Resume it");
        assertThat(pause.worker().gone()).isTrue();
        assertThat(journal.requests().ofRuns(List.of("run-dead"))).as("nothing recorded that nobody honours")
                .isEmpty();
        assertThat(other.history("p3").get(0).state()).as("status shows the run interrupted")
                .isEqualTo(RunState.INTERRUPTED);
        assertThat(other.history("p3").get(0).message()).contains("has not been heard from since");
        assertThat(other.request(plan, null, RunRequest.resume()).accepted()).isTrue();
        store.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean ended(List<RunEvent> events) {
        return events.stream().anyMatch(e -> e instanceof RunEvent.StateChanged c && c.state() == RunState.COMPLETED);
    }

    /** What a screen draws of each batch: its number, the run's counters after it, written per target. */
    private static List<String> batches(List<RunEvent> events) {
        return events.stream().filter(RunEvent.BatchDone.class::isInstance).map(RunEvent.BatchDone.class::cast)
                .map(b -> b.batch() + ":" + b.processed() + "/" + b.total() + " q" + b.quarantined() + " "
                        + new java.util.TreeMap<>(b.written()))
                .toList();
    }

    private List<Long> batchReads(String runId) {
        MongoStore store = MongoStore.connect(mongo.uri("app"));
        try {
            return new MongoJournal(store).batches().after(runId, 0, 1000).stream().map(BatchRecord::read).toList();
        } finally {
            store.close();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s").isLessThan(until);
            Thread.sleep(50);
        }
    }
}
