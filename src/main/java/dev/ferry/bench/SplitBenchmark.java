package dev.ferry.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ferry.FerryException;
import dev.ferry.demo.DemoDatabase;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.transform.MappedRecord;
import dev.ferry.transform.PlanMapper;
import dev.ferry.transform.RecordMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import dev.ferry.store.DocumentChecksum;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;

/**
 * Measures, in one process against one in-process demo server, (a) raw {@code insertMany} of the target documents
 * that the split builds from N source documents and (b) the full split migration of the same N documents (read,
 * map, undo log, idempotent writes, checkpoints). Each repeat starts from empty targets and an empty journal.
 */
public final class SplitBenchmark {

    private static final int INSERT_BATCH = 1000;

    private final Plan plan;
    private final Consumer<String> notes;

    public SplitBenchmark(Plan plan, Consumer<String> notes) {
        this.plan = plan;
        this.notes = notes;
    }

    public BenchReport run(int docs, int repeats) {
        try (DemoDatabase demo = DemoDatabase.start(0)) {
            notes.accept(String.format("Seeding %,d documents into an in-process demo server…", docs));
            demo.seed(docs, 42);
            try (SplitEngine ferry = SplitEngine.connect(demo.connectionString())) {
                MongoDatabase db = ferry.store().database();
                Map<String, List<RawBsonDocument>> built = build(db, PlanMapper.compile(plan));
                long targetDocs = built.values().stream().mapToLong(List::size).sum();
                Duration bestRaw = null;
                Duration bestRun = null;
                for (int i = 1; i <= repeats; i++) {
                    long gc0 = gcMillis();
                    long cpu0 = cpuNanos();
                    Duration raw = rawInsert(db, built);
                    long gc1 = gcMillis();
                    long cpu1 = cpuNanos();
                    notes.accept(String.format("  repeat %d: (a) insertMany %s (GC pauses %.2f s, CPU %.1f s)", i,
                            seconds(raw), (gc1 - gc0) / 1000.0, (cpu1 - cpu0) / 1e9));
                    Duration run = migrate(db, ferry);
                    notes.accept(String.format("  repeat %d: (b) migration  %s (GC pauses %.2f s, CPU %.1f s)", i,
                            seconds(run), (gcMillis() - gc1) / 1000.0, (cpuNanos() - cpu1) / 1e9));
                    bestRaw = bestRaw == null || raw.compareTo(bestRaw) < 0 ? raw : bestRaw;
                    bestRun = bestRun == null || run.compareTo(bestRun) < 0 ? run : bestRun;
                }
                return new BenchReport(docs, targetDocs, repeats, bestRaw, bestRun, rate(targetDocs, bestRaw),
                        rate(targetDocs, bestRun), (double) bestRaw.toNanos() / bestRun.toNanos());
            }
        }
    }

    /**
     * Maps every source document once, outside any timing: the already-built documents that (a) inserts. They are
     * kept as compact BSON and turned back into documents a batch at a time, outside the timing, so that holding
     * 200,000 document trees does not load the heap (and the collector) of the phase being measured.
     */
    private Map<String, List<RawBsonDocument>> build(MongoDatabase db, RecordMapper mapper) {
        Map<String, List<RawBsonDocument>> built = new LinkedHashMap<>();
        plan.targets().forEach(t -> built.put(t.collection(), new ArrayList<>()));
        for (Document source : db.getCollection(plan.source().collection()).find().batchSize(INSERT_BATCH)) {
            MappedRecord mapped = mapper.map(source);
            if (mapped.ok()) {
                mapped.targets().forEach((t, doc) -> built.get(t).add(
                        new RawBsonDocument(DocumentChecksum.bsonBytes(doc))));
            }
        }
        return built;
    }

    /** Bare {@code insertMany} of the built documents, batches of 1,000; only the inserts are timed. */
    private Duration rawInsert(MongoDatabase db, Map<String, List<RawBsonDocument>> built) {
        Codec<Document> codec = db.getCodecRegistry().get(Document.class);
        List<MongoCollection<Document>> scratch = new ArrayList<>();
        settle();
        long nanos = 0;
        for (Map.Entry<String, List<RawBsonDocument>> e : built.entrySet()) {
            MongoCollection<Document> c = db.getCollection("bench_raw_" + e.getKey());
            scratch.add(c);
            List<RawBsonDocument> docs = e.getValue();
            for (int i = 0; i < docs.size(); i += INSERT_BATCH) {
                List<Document> batch = docs.subList(i, Math.min(docs.size(), i + INSERT_BATCH)).stream()
                        .map(raw -> raw.decode(codec)).toList();
                long t0 = System.nanoTime();
                c.insertMany(batch);
                nanos += System.nanoTime() - t0;
            }
        }
        scratch.forEach(MongoCollection::drop);
        return Duration.ofNanos(nanos);
    }

    /** Starts each measured phase on a collected heap, so one phase does not pay for the other's garbage. */
    private static void settle() {
        System.gc();
    }

    private Duration migrate(MongoDatabase db, SplitEngine ferry) {
        settle();
        long t0 = System.nanoTime();
        RunReport report = ferry.run(plan, new RunControl(), e -> { });
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (report.state() != RunState.COMPLETED) {
            throw new FerryException("The benchmark's migration ended " + report.state().label() + ": "
                    + report.message());
        }
        for (TargetSpec t : plan.targets()) {
            db.getCollection(t.collection()).drop();
        }
        for (String collection : db.listCollectionNames().into(new java.util.ArrayList<>())) {
            if (collection.startsWith(MongoJournal.PREFIX)) { // the run's journal, whatever it holds
                db.getCollection(collection).drop();
            }
        }
        return took;
    }

    /** Time the collectors report so far; the demo server keeps every document on the heap, so GC shows. */
    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    /** CPU time of the whole process (client, server and collector threads) so far. */
    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static double rate(long docs, Duration d) {
        return docs / (d.toNanos() / 1e9);
    }

    private static String seconds(Duration d) {
        return String.format("%.2f s", d.toNanos() / 1e9);
    }
}
