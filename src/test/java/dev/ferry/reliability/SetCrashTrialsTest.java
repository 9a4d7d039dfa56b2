package dev.ferry.reliability;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.EarlybirdDataset;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.set.mongo.MongoSetEngine;
import dev.ferry.engine.set.Selection;
import dev.ferry.engine.set.SetReport;
import dev.ferry.engine.set.VersionStatus;
import dev.ferry.plan.MigrationFile;
import dev.ferry.plan.MigrationSet;
import dev.ferry.plan.MigrationSetLoader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.mongo.MongoSetHistory;
import dev.ferry.store.mongo.MongoSetUndo;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crash trials for a versioned set: runbook 004's earlybird set applied by the real CLI ({@code ferry set up}) in a
 * child JVM, SIGKILLed at a seeded random point — a version picked in turn, a random count of its undo-log entries
 * (one a batch or an index), then a random delay — and then finished once the dead child's lease expired. After each:
 * every collection is checksum-identical to an uninterrupted {@code set up} of the same data, each version is
 * recorded completed exactly once, the indexes are the reference's, and {@code set down} restores every collection
 * and index as they were before. Every third trial rolls back instead of finishing after the kill; in every third
 * (from trial 2) the final {@code set down} is itself SIGKILLed part-way and then finished.
 * {@code -Dferry.reliability.set.trials} sets the count (2 by default; 6 with {@code mvn verify -Preliability}),
 * {@code -Dferry.reliability.set.seed} the seed.
 */
class SetCrashTrialsTest {

    static final Path SET = Path.of("sets", "earlybird");
    static final int ORDERS = 600;
    static final int BATCH = 5;
    static final List<String> TTL = List.of("-Dferry.lease.ttl.seconds=2");
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
    void killedAtSeededRandomPointsTheSetFinishesAsIfNeverInterruptedAndRollsBackToBefore() throws Exception {
        int trials = Integer.getInteger("ferry.reliability.set.trials", 2);
        long seed = Long.getLong("ferry.reliability.set.seed", 20261122L);
        Random random = new Random(seed);
        MigrationSet set = MigrationSetLoader.load(SET);
        List<Long> versions = set.files().stream().map(MigrationFile::version).toList();

        MongoDatabase reference = seeded("set_reference");
        Map<String, Object> beforeUp = snapshot(reference);
        Map<Long, Long> entries = new TreeMap<>();
        try (MongoSetEngine sets = MongoSetEngine.connect(mongo.uri(reference.getName())).withBatchSize(BATCH)) {
            assertThat(sets.up(set, Selection.all(), new RunControl(), e -> { }).succeeded()).isTrue();
            for (long v : versions) {
                entries.put(v, reference.getCollection(MongoSetUndo.UNDO).countDocuments(eq("version", v)));
            }
        }
        Map<String, Object> afterUp = snapshot(reference);
        assertThat(afterUp).isNotEqualTo(beforeUp);

        StringBuilder figures = new StringBuilder();
        int first = random.nextInt(versions.size());
        for (int trial = 0; trial < trials; trial++) {
            String name = "set_trial" + trial;
            String context = "trial " + trial + " (seed " + seed + ")";
            MongoDatabase db = seeded(name);
            assertThat(snapshot(db)).as(context).isEqualTo(beforeUp);
            long version = versions.get((first + trial) % versions.size());
            long threshold = 1 + random.nextInt((int) Math.max(1, entries.get(version) - 1));
            int delayMs = random.nextInt(15);
            String landed = runAndKill(db, version, threshold, delayMs, context);
            figures.append(String.format("trial %d: kill in V%03d after %d of %d undo entries + %d ms: %s%n", trial,
                    version, threshold, entries.get(version), delayMs, landed));
            Thread.sleep(2_100); // the dead child's lease expires by itself

            boolean rollBack = trial % 3 == 1;
            if (trial == 0) { // the CLI shows the interrupted version and finishes the set
                ChildFerry.Result status = ChildFerry.run(List.of(), "set", "status", "--uri", mongo.uri(name),
                        "--dir", SET.toString());
                assertThat(status.output()).as(context).contains("interrupted");
                ChildFerry.Result up = ChildFerry.run(TTL, "set", "up", "--uri", mongo.uri(name), "--dir",
                        SET.toString(), "--batch-size", "50");
                assertThat(up.code()).as(context + "\n" + up.output()).isZero();
            } else if (rollBack && trial == 1) { // the CLI rolls the interrupted set back
                ChildFerry.Result down = ChildFerry.run(TTL, "set", "down", "--uri", mongo.uri(name), "--dir",
                        SET.toString(), "--yes");
                assertThat(down.code()).as(context + "\n" + down.output()).isZero();
            } else {
                try (MongoSetEngine sets = MongoSetEngine.connect(mongo.uri(name)).withLeaseTtl(Duration.ofSeconds(2))
                        .withBatchSize(1 + random.nextInt(200))) {
                    SetReport report = rollBack ? sets.down(set, Selection.all(), new RunControl(), e -> { })
                            : sets.up(set, Selection.all(), new RunControl(), e -> { });
                    assertThat(report.succeeded()).as(context + ": " + report.message()).isTrue();
                }
            }

            if (rollBack) {
                assertThat(snapshot(db)).as(context + ": rolled back after the kill").isEqualTo(beforeUp);
                assertThat(db.getCollection(MongoSetUndo.UNDO).countDocuments()).as(context).isZero();
                for (Document h : db.getCollection(MongoSetHistory.HISTORY).find()) {
                    assertThat(h.getString("status")).as(context + " " + h.get("_id")).isEqualTo("rolled_back");
                }
            }
            try (MongoSetEngine sets = MongoSetEngine.connect(mongo.uri(name)).withLeaseTtl(Duration.ofSeconds(2))) {
                if (rollBack) { // and the set still applies cleanly afterwards
                    assertThat(sets.up(set, Selection.all(), new RunControl(), e -> { }).succeeded()).isTrue();
                }
                assertThat(snapshot(db)).as(context + ": finished after the kill").isEqualTo(afterUp);
                for (VersionStatus v : sets.status(set).versions()) {
                    assertThat(v.status()).as(context + " V" + v.label()).isEqualTo("completed");
                    assertThat(v.interrupted()).isFalse();
                }
                for (long v : versions) {
                    Document h = db.getCollection(MongoSetHistory.HISTORY).find(eq("version", v)).first();
                    List<Document> events = h.getList("events", Document.class);
                    int lastDown = 0;
                    for (int i = 0; i < events.size(); i++) {
                        lastDown = "down".equals(events.get(i).getString("action")) ? i + 1 : lastDown;
                    }
                    long completions = events.subList(lastDown, events.size()).stream()
                            .filter(e -> "up".equals(e.getString("action")) && "completed".equals(e.getString("status")))
                            .count();
                    assertThat(completions).as(context + ": V%03d completed once (since its last down)", v)
                            .isEqualTo(1);
                }
                if (trial % 3 == 2) { // a set down killed part-way too, then finished
                    long entriesNow = db.getCollection(MongoSetUndo.UNDO).countDocuments();
                    long left = 1 + random.nextInt((int) entriesNow - 1);
                    int downDelayMs = random.nextInt(15);
                    String downLanded = downAndKill(db, left, downDelayMs, context + " down");
                    figures.append(String.format("         set down killed at %d of %d undo entries left + %d ms: %s%n",
                            left, entriesNow, downDelayMs, downLanded));
                    Thread.sleep(2_100);
                    assertThat(sets.status(set).versions()).as(context).anyMatch(VersionStatus::interrupted);
                }
                SetReport down = sets.down(set, Selection.all(), new RunControl(), e -> { });
                assertThat(down.succeeded()).as(context + ": " + down.message()).isTrue();
                assertThat(snapshot(db)).as(context + ": set down after finishing").isEqualTo(beforeUp);
            }
            db.drop();
        }
        System.err.printf("set crash trials (seed %d): %d%n%s", seed, trials, figures);
    }

    private static MongoDatabase seeded(String name) {
        MongoDatabase db = mongo.database(name);
        EarlybirdDataset.seed(db, ORDERS, 5);
        return db;
    }

    /** Each collection's checksum and its indexes (name, keys, unique). */
    private static Map<String, Object> snapshot(MongoDatabase db) {
        Map<String, Object> out = new TreeMap<>();
        for (String c : EarlybirdDataset.COLLECTIONS) {
            DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
            for (Document d : db.getCollection(c).find().batchSize(1000)) {
                sum = sum.add(d);
            }
            out.put(c, sum);
            TreeSet<String> indexes = new TreeSet<>();
            for (Document i : db.getCollection(c).listIndexes()) {
                indexes.add(i.getString("name") + " " + i.get("key", Document.class).toJson()
                        + (Boolean.TRUE.equals(i.get("unique")) ? " unique" : ""));
            }
            out.put(c + " indexes", indexes);
        }
        return out;
    }

    /**
     * Starts {@code ferry set up} in a child JVM and SIGKILLs it {@code delayMs} after version {@code version} has
     * {@code threshold} undo-log entries; returns where the set stood when it died.
     */
    private static String runAndKill(MongoDatabase db, long version, long threshold, int delayMs, String context)
            throws Exception {
        return killed(db, () -> db.getCollection(MongoSetUndo.UNDO).countDocuments(eq("version", version)) >= threshold,
                delayMs, context, "set", "up", "--uri", mongo.uri(db.getName()), "--dir", SET.toString(),
                "--batch-size", String.valueOf(BATCH));
    }

    /** Starts {@code ferry set down} in a child JVM and SIGKILLs it once the undo log is down to {@code left}. */
    private static String downAndKill(MongoDatabase db, long left, int delayMs, String context) throws Exception {
        return killed(db, () -> db.getCollection(MongoSetUndo.UNDO).countDocuments() <= left, delayMs, context,
                "set", "down", "--uri", mongo.uri(db.getName()), "--dir", SET.toString(), "--yes");
    }

    private static String killed(MongoDatabase db, BooleanSupplier killPoint, int delayMs, String context,
                                 String... args) throws Exception {
        Path out = Files.createTempFile("ferry-set-crash", ".out");
        Process child = ChildFerry.start(TTL, out, args);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!killPoint.getAsBoolean()) {
                assertThat(child.isAlive()).as(context + ": child ended before the kill point:\n"
                        + Files.readString(out)).isTrue();
                assertThat(System.nanoTime()).as(context + ": child made no progress").isLessThan(deadline);
                Thread.sleep(1);
            }
            Thread.sleep(delayMs);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up, the lease is not released
            child.waitFor(30, TimeUnit.SECONDS);
        }
        List<String> states = new ArrayList<>();
        for (Document h : db.getCollection(MongoSetHistory.HISTORY).find().sort(new Document("version", 1))) {
            states.add("V" + h.getString("label") + " " + h.getString("status") + ("pending".equals(
                    h.getString("status")) ? " (" + h.getString("action") + ")" : ""));
        }
        assertThat(states).as(context + ": the kill came before the end").anyMatch(s -> s.contains("pending"));
        return String.join(", ", states) + ", " + db.getCollection(MongoSetUndo.UNDO).countDocuments()
                + " undo entries";
    }
}
