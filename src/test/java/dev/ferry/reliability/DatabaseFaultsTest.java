package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ferry.demo.UserDataGenerator;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.TcpProxy;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away mid-run: the server itself is stopped and started again on its port (its backend kept, as a
 * real server keeps its files), and a TCP proxy in front of it drops every connection and refuses new ones, then
 * listens again a few seconds later. The run announces that it waits for the database, resumes by
 * itself and ends checksum-identical to an uninterrupted run; past {@code -Dferry.retry.max} it pauses, resumable.
 * A slow database (latency added by the proxy) only slows the run.
 */
class DatabaseFaultsTest {

    static final int DOCS = 3000;
    static final Path PLAN = Path.of("plans/user-data-split.yaml");

    /** A memory backend that survives a server's shutdown, as a real server's data files do. */
    static final class KeptOnShutdown extends MemoryBackend {
        @Override
        public void close() {
            // MemoryBackend.close() forgets every database; a restarted mongod finds its data again
        }
    }

    private final MemoryBackend backend = new KeptOnShutdown();
    private InetSocketAddress serverAddress;
    private MongoServer server;
    private TcpProxy proxy;
    private int port;
    private MongoClient client;

    @BeforeEach
    void start() throws Exception {
        server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        serverAddress = address;
        proxy = new TcpProxy(address.getPort());
        port = proxy.port();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        for (String db : List.of("reference", "faulty")) {
            client.getDatabase(db).getCollection("user_data").insertMany(new UserDataGenerator(13).documents(0, DOCS));
        }
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("ferry.retry.max");
        client.close();
        proxy.close();
        server.shutdownNow();
    }

    @Test
    void aDatabaseThatGoesAwayMidRunIsWaitedForAndTheRunResumesByItself() throws Exception {
        Plan plan = PlanLoader.load(PLAN).withBatchSize(100);
        try (SplitEngine ferry = SplitEngine.connect(uri("reference"))) {
            assertThat(ferry.run(plan, new RunControl(), e -> { }).state()).isEqualTo(RunState.COMPLETED);
        }
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        AtomicLong processed = new AtomicLong();
        RunReport report;
        try (SplitEngine ferry = SplitEngine.connect(uri("faulty")).withLeaseTtl(Duration.ofSeconds(2))) {
            CompletableFuture<RunReport> run = runInBackground(ferry, plan, events, processed);
            awaitProcessed(processed, 800);
            proxy.cut(); // the database goes away mid-run
            Thread.sleep(4_000);
            proxy.restore(); // and comes back on the same port
            report = run.get(3, TimeUnit.MINUTES);
        }
        assertThat(report.state()).as(report.message()).isEqualTo(RunState.COMPLETED);
        List<RunEvent.WaitingForDatabase> waits = events.stream()
                .filter(RunEvent.WaitingForDatabase.class::isInstance).map(RunEvent.WaitingForDatabase.class::cast).toList();
        assertThat(waits).isNotEmpty().allSatisfy(w -> assertThat(w.reason()).isNotBlank());
        assertThat(waits).extracting(RunEvent.WaitingForDatabase::attempt).startsWith(1);
        MongoDatabase faulty = client.getDatabase("faulty");
        MongoDatabase reference = client.getDatabase("reference");
        assertThat(report.processed()).isEqualTo(DOCS);
        for (String target : List.of("dataset_metadata", "transformation_configs")) {
            assertThat(reference.getCollection(target).countDocuments()).isGreaterThan(DOCS - 10);
            assertThat(sum(faulty, target)).as(target).isEqualTo(sum(reference, target));
        }
        assertThat(faulty.getCollection("ferry_quarantine").countDocuments())
                .isEqualTo(reference.getCollection("ferry_quarantine").countDocuments());
        System.err.printf("database faults: connections cut for 4 s at %d records; %d waits (%s); completed%n",
                800, waits.size(), waits.get(0).reason());
    }

    @Test
    void theServerStoppedAndStartedAgainMidRunIsWaitedForAndTheRunResumesByItself() throws Exception {
        Plan plan = PlanLoader.load(PLAN).withBatchSize(100);
        try (SplitEngine ferry = SplitEngine.connect(uri("reference"))) {
            assertThat(ferry.run(plan, new RunControl(), e -> { }).state()).isEqualTo(RunState.COMPLETED);
        }
        String direct = "mongodb://127.0.0.1:" + serverAddress.getPort() + "/faulty";
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        AtomicLong processed = new AtomicLong();
        RunReport report;
        try (SplitEngine ferry = SplitEngine.connect(direct).withLeaseTtl(Duration.ofSeconds(2))) {
            CompletableFuture<RunReport> run = runInBackground(ferry, plan, events, processed);
            awaitProcessed(processed, 800);
            server.shutdownNow(); // the server stops: every connection closed, the port refuses
            Thread.sleep(4_000);
            server = new MongoServer(backend);
            bindAgain(server, serverAddress);
            report = run.get(3, TimeUnit.MINUTES);
        }
        assertThat(report.state()).as(report.message()).isEqualTo(RunState.COMPLETED);
        List<RunEvent.WaitingForDatabase> waits = events.stream()
                .filter(RunEvent.WaitingForDatabase.class::isInstance).map(RunEvent.WaitingForDatabase.class::cast).toList();
        assertThat(waits).isNotEmpty().allSatisfy(w -> assertThat(w.reason()).isNotBlank());
        MongoDatabase faulty = client.getDatabase("faulty");
        MongoDatabase reference = client.getDatabase("reference");
        assertThat(report.processed()).isEqualTo(DOCS);
        for (String target : List.of("dataset_metadata", "transformation_configs")) {
            assertThat(sum(faulty, target)).as(target).isEqualTo(sum(reference, target));
        }
        assertThat(faulty.getCollection("ferry_quarantine").countDocuments())
                .isEqualTo(reference.getCollection("ferry_quarantine").countDocuments());
        try (SplitEngine ferry = SplitEngine.connect(direct)) {
            assertThat(ferry.history(plan.name())).singleElement()
                    .satisfies(r -> assertThat(r.state()).isEqualTo(RunState.COMPLETED));
        }
        System.err.printf("database faults: server stopped for 4 s at %d records and started again; %d waits (%s);"
                + " completed%n", 800, waits.size(), waits.get(0).reason());
    }

    /** Starts {@code plan}, keeping its events and the records it has processed so far. */
    private static CompletableFuture<RunReport> runInBackground(SplitEngine ferry, Plan plan, List<RunEvent> events,
                                                                AtomicLong processed) {
        return CompletableFuture.supplyAsync(() -> ferry.run(plan, new RunControl(), e -> {
            events.add(e);
            if (e instanceof RunEvent.BatchDone b) {
                processed.set(b.processed());
            }
        }));
    }

    /** The port was just closed: binding it again can take a moment. */
    private static void bindAgain(MongoServer server, InetSocketAddress address) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                server.bind(address);
                return;
            } catch (RuntimeException e) {
                if (attempt == 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void pastTheRetryLimitTheRunPausesAndResumesLater() throws Exception {
        System.setProperty("ferry.retry.max", "3");
        Plan plan = PlanLoader.load(PLAN).withBatchSize(100);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        AtomicLong processed = new AtomicLong();
        RunReport paused;
        try (SplitEngine ferry = SplitEngine.connect(uri("faulty")).withLeaseTtl(Duration.ofSeconds(2))) {
            CompletableFuture<RunReport> run = runInBackground(ferry, plan, events, processed);
            awaitProcessed(processed, 500);
            proxy.cut(); // and stays away longer than the limit
            paused = run.get(3, TimeUnit.MINUTES);
        }
        assertThat(paused.state()).isEqualTo(RunState.PAUSED);
        assertThat(paused.message()).contains("did not come back").contains("run the plan again to resume")
                .contains("-Dferry.retry.max=3").contains("journal could not be updated while the database was away");
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(RunEvent.WaitingForDatabase.class));

        proxy.restore();
        try (SplitEngine ferry = SplitEngine.connect(uri("faulty")).withLeaseTtl(Duration.ofSeconds(2))) {
            RunReport resumed = ferry.run(plan, new RunControl(), e -> { });
            assertThat(resumed.state()).isEqualTo(RunState.COMPLETED);
            assertThat(resumed.resumed()).as("%s / %s / %s", resumed, paused, ferry.history(null)).isTrue();
            assertThat(resumed.runId()).isEqualTo(paused.runId());
            MongoDatabase faulty = client.getDatabase("faulty");
            assertThat(faulty.getCollection("dataset_metadata").countDocuments()
                    + faulty.getCollection("ferry_quarantine").countDocuments()).isEqualTo(DOCS);
        }
    }

    @Test
    void thePlansRetryMaxWaitOverridesThePropertyAndAPausedRunIsJournalledPausedWithItsReason() throws Exception {
        System.setProperty("ferry.retry.max", "600"); // the plan's 2 s wins over the operator's default
        Plan plan = PlanLoader.parse(Files.readString(PLAN) + "\nretry: { max_wait: 2s, first_delay: 200ms }\n",
                "split-retry.yaml").withBatchSize(100);
        assertThat(plan.retry().maxWait()).isEqualTo(Duration.ofSeconds(2));
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        AtomicLong processed = new AtomicLong();
        RunReport paused;
        long cutAt;
        try (SplitEngine ferry = SplitEngine.connect(uri("faulty")).withLeaseTtl(Duration.ofSeconds(2))) {
            CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(() -> ferry.run(plan, new RunControl(),
                    e -> {
                        events.add(e);
                        if (e instanceof RunEvent.BatchDone b) {
                            processed.set(b.processed());
                        }
                        if (e instanceof RunEvent.StateChanged c && c.state() == RunState.PAUSED) {
                            restoreQuietly(); // the database is back just as the run gives up: the pause is journalled
                        }
                    }));
            awaitProcessed(processed, 500);
            cutAt = System.nanoTime();
            proxy.cut(); // away for longer than the plan lets the run wait
            paused = run.get(3, TimeUnit.MINUTES);
        }
        long waitedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - cutAt);
        assertThat(paused.state()).as(paused.message()).isEqualTo(RunState.PAUSED);
        assertThat(paused.message()).contains("did not come back").contains("retry.max_wait in the plan: 2 s")
                .doesNotContain("journal could not be updated");
        assertThat(waitedSeconds).as("paused after the plan's 2 s, not the property's 600 s").isLessThan(180);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(RunEvent.WaitingForDatabase.class));

        ChildFerry.Result status = ChildFerry.run(List.of(), "status", "--uri", uri("faulty"), "--json");
        assertThat(status.code()).as(status.output()).isZero();
        assertThat(status.output()).contains("PAUSED").contains("did not come back").doesNotContain("INTERRUPTED");
        try (SplitEngine ferry = SplitEngine.connect(uri("faulty")).withLeaseTtl(Duration.ofSeconds(2))) {
            RunSummary journalled = ferry.history(plan.name()).get(0);
            assertThat(journalled.runId()).isEqualTo(paused.runId());
            assertThat(journalled.state()).isEqualTo(RunState.PAUSED);
            assertThat(journalled.message()).isEqualTo(paused.message());
            Thread.sleep(2_100); // the paused attempt's lease expires

            RunReport resumed = ferry.run(plan, new RunControl(), e -> { });
            assertThat(resumed.state()).as(resumed.message()).isEqualTo(RunState.COMPLETED);
            assertThat(resumed.resumed()).isTrue();
            assertThat(resumed.runId()).isEqualTo(paused.runId());
            assertThat(ferry.history(plan.name())).hasSize(1);
            MongoDatabase faulty = client.getDatabase("faulty");
            assertThat(faulty.getCollection("dataset_metadata").countDocuments()
                    + faulty.getCollection("ferry_quarantine").countDocuments()).isEqualTo(DOCS);
        }
        System.err.printf("database faults: plan retry.max_wait 2 s, outage from 500 records: paused after %d s"
                + " (-Dferry.retry.max=600 overridden), journalled paused, resumed to completion%n", waitedSeconds);
    }

    private void restoreQuietly() {
        try {
            proxy.restore();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSlowDatabaseSlowsTheRunButLosesNothing() throws Exception {
        proxy.latency(15); // every chunk each way: a few ms of round trip become tens
        Plan plan = PlanLoader.load(PLAN).withBatchSize(200);
        try (SplitEngine ferry = SplitEngine.connect(uri("faulty")).withLeaseTtl(Duration.ofSeconds(2))) {
            RunReport report = ferry.run(plan, new RunControl(), e -> { });
            assertThat(report.state()).isEqualTo(RunState.COMPLETED);
            assertThat(report.processed()).isEqualTo(DOCS);
            assertThat(ferry.validate(plan).passed()).isTrue();
        }
    }

    private String uri(String db) {
        return "mongodb://127.0.0.1:" + port + "/" + db;
    }

    private static void awaitProcessed(AtomicLong processed, long at) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (processed.get() < at) {
            assertThat(System.nanoTime()).as("the run made no progress").isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    private static DocumentChecksum.Sum sum(MongoDatabase db, String collection) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (Document d : db.getCollection(collection).find().batchSize(1000)) {
            sum = sum.add(d);
        }
        return sum;
    }
}
