package dev.ferry.engine.split;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.journal.PartitionRecord;
import dev.ferry.store.mongo.KeyBrackets;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.testing.InProcessMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A run in partitions against the same run in one piece, on keys of three types. */
class PartitionedRunTest {

    private InProcessMongo mongo;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aTargetKeyRepeatedAcrossPartitionsIsWrittenByOneRecordAndTheOthersAreQuarantined() {
        mongo.database("keys").getCollection("src").insertMany(TestPlans.sources(1000));
        dev.ferry.transform.RecordMapper byAccount = source -> { // 10 source records share each target key
            dev.ferry.transform.MappedRecord m = TestPlans.MAPPER.map(source);
            Document person = new Document(m.targets().get("people")).append("_id", source.getInteger("_id") % 100);
            return new dev.ferry.transform.MappedRecord(m.sourceKey(), java.util.Map.of("people", person, "tags",
                    m.targets().get("tags")), m.errors());
        };
        Plan plan = TestPlans.split("accounts", 50, Guardrails.none()).withPartitions(4);
        RunReport run;
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("keys")).withCompiler(p -> byAccount)) {
            run = ferry.run(plan, new RunControl(), e -> { });
        }
        assertThat(run.quarantined()).isEqualTo(900);
        var db = mongo.database("keys");
        List<Integer> written = new ArrayList<>();
        db.getCollection("people").find().batchSize(200).forEach(d -> written.add(d.getInteger("n")));
        List<Integer> quarantined = new ArrayList<>();
        db.getCollection("ferry_quarantine").find().batchSize(200).forEach(d -> quarantined.add(
                ((Number) d.get("source_key", d.get("key", d.get("_id")))).intValue()));
        assertThat(written).hasSize(100);
        java.util.Set<Integer> all = new java.util.HashSet<>(written);
        all.addAll(quarantined);
        assertThat(all).as("every source record is written or quarantined: none was written over").hasSize(1000);
    }

    @Test
    void aRunInFourPartitionsWritesWhatOneWorkerWritesAndRollsBackToTheSameState() {
        for (String db : List.of("single", "parted")) {
            mongo.database(db).getCollection("src").insertMany(mixedKeys());
            mongo.database(db).getCollection("people").insertOne(new Document("_id", 7).append("name", "before"));
        }
        DocumentChecksum.Sum peopleBefore = sum(mongo.database("parted"), "people");

        RunReport single;
        try (SplitEngine ferry = engine("single")) {
            single = ferry.run(TestPlans.split("mix", 50, Guardrails.none()), new RunControl(), e -> { });
        }
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunReport parted;
        Plan plan = TestPlans.split("mix", 50, Guardrails.none()).withPartitions(4);
        try (SplitEngine ferry = engine("parted")) {
            parted = ferry.run(plan, new RunControl(), events::add);
        }

        assertThat(parted.state()).isEqualTo(RunState.COMPLETED);
        assertThat(parted.processed()).isEqualTo(single.processed()).isEqualTo(1201);
        assertThat(parted.quarantined()).isEqualTo(single.quarantined()).isEqualTo(1);
        assertThat(parted.written()).isEqualTo(single.written());
        for (String target : List.of("people", "tags")) {
            assertThat(sum(mongo.database("parted"), target)).as(target)
                    .isEqualTo(sum(mongo.database("single"), target));
        }
        assertThat(mongo.database("parted").getCollection("ferry_quarantine").countDocuments()).isEqualTo(1);

        MongoJournal journal = new MongoJournal(MongoStore.connect(mongo.uri("parted")));
        List<PartitionRecord> ranges = journal.partitions().of(parted.runId());
        assertThat(ranges).hasSize(4).allMatch(PartitionRecord::done);
        assertThat(ranges.stream().mapToLong(r -> r.checkpoint().processed()).sum()).isEqualTo(1201);
        assertThat(ranges.get(0).after()).isNull();
        assertThat(ranges.get(3).upTo()).isNull();
        List<Integer> brackets = new ArrayList<>();
        ranges.stream().limit(3).forEach(r -> brackets.add(KeyBrackets.bracketOf(r.upTo())));
        assertThat(brackets).as("cut within and between the key types").contains(KeyBrackets.bracketOf(1),
                KeyBrackets.bracketOf("k"));
        assertThat(journal.runs().find(parted.runId()).orElseThrow().checkpoint().processed()).isEqualTo(1201);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.BatchDone).isNotEmpty()
                .last().extracting(e -> ((RunEvent.BatchDone) e).processed()).isEqualTo(1201L);

        RollbackReport back;
        try (SplitEngine ferry = engine("parted")) {
            back = ferry.rollback(plan, null, e -> { });
        }
        try (SplitEngine ferry = engine("single")) {
            ferry.rollback(TestPlans.split("mix", 50, Guardrails.none()), null, e -> { });
        }
        assertThat(back.verified()).as(String.join("\n", back.verification())).isTrue();
        assertThat(sum(mongo.database("parted"), "people")).isEqualTo(peopleBefore)
                .isEqualTo(sum(mongo.database("single"), "people"));
        assertThat(mongo.database("parted").getCollection("tags").countDocuments()).isZero();
    }

    @Test
    void aWatchThroughTheJournalSumsThePartitionsAndStatusListsThem() throws Exception {
        mongo.database("app").getCollection("src").insertMany(mixedKeys());
        Plan plan = TestPlans.split("watched", 50, Guardrails.none()).withPartitions(3);
        List<RunEvent> watched = new CopyOnWriteArrayList<>();
        RunReport run;
        try (SplitEngine ferry = engine("app")) {
            run = ferry.run(plan, new RunControl(), e -> { });
            try (dev.ferry.engine.RunWatch watch = ferry.watch(plan, run.runId(), watched::add)) {
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (watched.stream().noneMatch(e -> e instanceof RunEvent.BatchDone b && b.processed() == 1201)) {
                    assertThat(System.nanoTime()).as("the watch replays the run to its end").isLessThan(deadline);
                    Thread.sleep(50);
                }
                Thread.sleep(2 * dev.ferry.engine.split.live.JournalWatch.PERIOD.toMillis());
            }
            List<RunEvent.BatchDone> batches = watched.stream().filter(e -> e instanceof RunEvent.BatchDone)
                    .map(e -> (RunEvent.BatchDone) e).toList();
            assertThat(batches).as("every range's batches, each drawn as the run's sum so far")
                    .hasSize((int) ferry.history(plan.name()).get(0).partitions().stream()
                            .mapToLong(p -> (p.total() + 49) / 50).sum());
            assertThat(batches).extracting(RunEvent.BatchDone::processed).isSorted();
            RunEvent.BatchDone last = batches.get(batches.size() - 1);
            assertThat(last.total()).isEqualTo(1201);
            assertThat(last.written()).isEqualTo(run.written());
            assertThat(last.quarantined()).isEqualTo(1);
            assertThat(watched).filteredOn(e -> e instanceof RunEvent.PartitionsProgress).last()
                    .satisfies(e -> assertThat(((RunEvent.PartitionsProgress) e).partitions()).hasSize(3)
                            .allMatch(dev.ferry.engine.PartitionStatus::done));

            dev.ferry.engine.RunSummary status = ferry.history(plan.name()).get(0);
            assertThat(status.partitions()).extracting(dev.ferry.engine.PartitionStatus::label)
                    .containsExactly("partition 1 of 3", "partition 2 of 3", "partition 3 of 3");
            assertThat(status.partitions().stream().mapToLong(dev.ferry.engine.PartitionStatus::processed).sum())
                    .isEqualTo(1201);
        }
    }

    @Test
    void requestsThroughTheJournalReachEveryPartitionWorker() throws Exception {
        mongo.database("app").getCollection("src").insertMany(mixedKeys());
        Plan plan = TestPlans.split("steered", 20, Guardrails.none()).withPartitions(3);
        java.util.concurrent.CompletableFuture<RunReport> run;
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (SplitEngine ferry = engine("app")) {
            run = java.util.concurrent.CompletableFuture.supplyAsync(() -> ferry.run(plan, new RunControl(), e -> {
                events.add(e);
                if (e instanceof RunEvent.BatchDone) {
                    try {
                        Thread.sleep(10); // slow enough for the requests to find it working
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
            while (events.stream().noneMatch(e -> e instanceof RunEvent.BatchDone b && b.processed() >= 120)) {
                assertThat(run).isNotDone();
                Thread.sleep(10);
            }
            ferry.request(plan, null, dev.ferry.engine.RunRequest.set(7, null));
            while (events.stream().noneMatch(e -> e instanceof RunEvent.SettingsChanged)) {
                Thread.sleep(10);
            }
            MongoJournal journal = new MongoJournal(MongoStore.connect(mongo.uri("app")));
            String runId = ((RunEvent.Started) events.stream().filter(e -> e instanceof RunEvent.Started)
                    .findFirst().orElseThrow()).runId();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) { // every range still working when the request came takes the new size
                java.util.Set<Long> withSeven = new java.util.HashSet<>();
                journal.batches().after(runId, 0, 10_000).stream().filter(b -> b.read() == 7)
                        .forEach(b -> withSeven.add(b.batch() / dev.ferry.engine.Partition.BATCHES_PER_PARTITION));
                long doneBefore = journal.partitions().of(runId).stream()
                        .filter(r -> r.done() && !withSeven.contains((long) r.index())).count();
                if (!withSeven.isEmpty() && withSeven.size() + doneBefore >= 3) {
                    break;
                }
                assertThat(System.nanoTime()).as("batches of 7 in every working range after the new size")
                        .isLessThan(deadline);
                Thread.sleep(10);
            }
            ferry.request(plan, null, dev.ferry.engine.RunRequest.pause());
            RunReport paused = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(paused.state()).isEqualTo(RunState.PAUSED);
            assertThat(paused.processed()).isLessThan(1201);
            assertThat(journal.partitions().of(paused.runId())).as("every worker stopped its range")
                    .noneMatch(r -> "RUNNING".equals(r.state()));
            assertThat(journal.requests().ofRuns(List.of(runId))).as("both requests honoured")
                    .allMatch(r -> r.honouredAt() != null);
        }
    }

    @Test
    void aStoppedPartitionedRunResumesInItsOwnPartitionsFromEachCheckpoint() {
        mongo.database("app").getCollection("src").insertMany(mixedKeys());
        Plan plan = TestPlans.split("resume", 20, Guardrails.none()).withPartitions(3);
        RunControl control = new RunControl();
        RunReport first;
        try (SplitEngine ferry = engine("app")) {
            first = ferry.run(plan, control, e -> {
                if (e instanceof RunEvent.BatchDone b && b.processed() >= 200) {
                    control.pause("operator");
                }
            });
        }
        assertThat(first.state()).isEqualTo(RunState.PAUSED);
        assertThat(first.processed()).isLessThan(1201);

        RunReport second;
        try (SplitEngine ferry = engine("app")) {
            // without --partitions: the unfinished run keeps its three ranges
            second = ferry.run(TestPlans.split("resume", 20, Guardrails.none()), new RunControl(), e -> { });
        }
        assertThat(second.runId()).isEqualTo(first.runId());
        assertThat(second.state()).isEqualTo(RunState.COMPLETED);
        assertThat(second.processed()).isEqualTo(1201);
        assertThat(mongo.database("app").getCollection("people").countDocuments()).isEqualTo(1200);
    }

    private SplitEngine engine(String db) {
        return SplitEngine.connect(mongo.uri(db)).withCompiler(p -> TestPlans.MAPPER)
                .withLeaseTtl(Duration.ofSeconds(2));
    }

    /** Numbers, text keys and ObjectIds in one source, as a collection that changed its key type twice holds them. */
    static List<Document> mixedKeys() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            docs.add(person(i, i));
        }
        for (int i = 0; i < 300; i++) {
            docs.add(person(String.format("legacy-%04d", i), 600 + i));
        }
        for (int i = 0; i < 301; i++) {
            docs.add(person(new ObjectId(new Date(1_700_000_000_000L + i * 1000L), i), 900 + i));
        }
        docs.get(433).append("bad", true);
        return docs;
    }

    private static Document person(Object id, int n) {
        return new Document("_id", id).append("name", "person " + n).append("n", n)
                .append("tags", List.of("t" + (n % 3), "u"));
    }

    private static DocumentChecksum.Sum sum(MongoDatabase db, String collection) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (Document d : db.getCollection(collection).find()) {
            sum = sum.add(d);
        }
        return sum;
    }
}
