package dev.ferry.engine.split;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import dev.ferry.FerryException;
import dev.ferry.store.mongo.MongoStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * What a run's writing costs, measured by doing it for a few batches into scratch collections that are dropped
 * afterwards: the target writes (batch-sized bulk writes, one writer per target in parallel as a run has them) and
 * the bookkeeping every batch adds whatever its size (each target's undo entry and lease heartbeat, the batch
 * record, the checkpoint). Measured rather than assumed, because both depend on the server, the machine's cores and
 * its load; timed on this database, so that a small batch size's many round trips show in the estimate.
 */
final class RunCostSample {

    /** Enough batches for a steady median without making the dry run noticeably longer. */
    private static final int BOOKKEEPING_BATCHES = 15;
    /** Documents per target written first and not counted, for the same reason. */
    private static final int WARM_UP_DOCS = 200;
    /** Batches done first and not counted: the first round trips of a fresh collection pay for warming up. */
    private static final int WARM_UP_BATCHES = 5;

    /**
     * @param nanosPerDoc   wall time to write one produced document (all targets' writers running at once)
     * @param nanosPerBatch wall time of one batch's bookkeeping
     */
    record Costs(double nanosPerDoc, double nanosPerBatch) {
        static final Costs NONE = new Costs(0, 0);
    }

    private final MongoStore store;
    private final int batchSize;
    private final int writers;

    /** @param writers how many targets a run writes at once (its pool of target writers) */
    RunCostSample(MongoStore store, int batchSize, int writers) {
        this.store = store;
        this.batchSize = Math.max(1, batchSize);
        this.writers = Math.max(1, writers);
    }

    /** @param perTarget produced documents per target, as the run would write them; they are copied, not changed */
    Costs measure(Map<String, List<Document>> perTarget) {
        if (perTarget.values().stream().allMatch(List::isEmpty)) {
            return Costs.NONE;
        }
        String prefix = "ferry_dry_run_scratch_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        List<MongoCollection<Document>> scratch = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r, "ferry-dry-run-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, MongoCollection<Document>> targets = new LinkedHashMap<>();
            perTarget.keySet().forEach(t -> targets.put(t, scratch(scratch, prefix + targets.size())));
            MongoCollection<Document> journal = scratch(scratch, prefix + "journal");
            Map<String, List<Document>> first = new LinkedHashMap<>();
            perTarget.forEach((t, docs) -> first.put(t, docs.subList(0, Math.min(docs.size(), WARM_UP_DOCS))));
            writeAll(first, targets, pool); // warms up the client and the server, as a run's first batches do
            long t0 = System.nanoTime();
            long docs = writeAll(perTarget, targets, pool);
            double perDoc = (System.nanoTime() - t0) / (double) docs;
            return new Costs(perDoc, bookkeeping(perTarget, journal, pool));
        } finally {
            pool.shutdownNow();
            scratch.forEach(MongoCollection::drop);
        }
    }

    private MongoCollection<Document> scratch(List<MongoCollection<Document>> created, String name) {
        MongoCollection<Document> c = store.collection(name);
        created.add(c);
        return c;
    }

    /** Each target's documents in batch-sized bulk writes, the targets in parallel; returns how many were written. */
    private long writeAll(Map<String, List<Document>> perTarget, Map<String, MongoCollection<Document>> targets,
                          ExecutorService pool) {
        List<Future<?>> pending = new ArrayList<>();
        perTarget.forEach((t, docs) -> pending.add(pool.submit(() -> {
            for (int from = 0; from < docs.size(); from += batchSize) {
                // fresh ids: two targets may share keys, and the sample measures write cost, not the keys
                List<Document> copies = docs.subList(from, Math.min(docs.size(), from + batchSize)).stream()
                        .map(d -> new Document(d).append("_id", new ObjectId())).toList();
                targets.get(t).insertMany(copies, new InsertManyOptions().ordered(false));
            }
        })));
        await(pending);
        return perTarget.values().stream().mapToLong(List::size).sum();
    }

    /**
     * A run's per-batch journal writes, with documents of the run's shapes and sizes: per target (in parallel) the
     * undo entry with the batch's keys and content hashes and a lease heartbeat; then the batch record and the
     * checkpoint. The median batch's wall time.
     */
    private double bookkeeping(Map<String, List<Document>> perTarget, MongoCollection<Document> journal,
                               ExecutorService pool) {
        journal.insertOne(new Document("_id", "run").append("owner", "dry-run"));
        journal.insertOne(new Document("_id", "lease").append("owner", "dry-run"));
        long[] nanos = new long[WARM_UP_BATCHES + BOOKKEEPING_BATCHES];
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        for (int b = 0; b < nanos.length; b++) {
            long batch = b;
            long t0 = System.nanoTime();
            List<Future<?>> pending = new ArrayList<>();
            perTarget.forEach((t, docs) -> pending.add(pool.submit(() -> {
                List<Document> keys = docs.subList(0, Math.min(docs.size(), batchSize));
                String id = "run/" + batch + "/" + t;
                journal.replaceOne(and(eq("_id", id), eq("owner", "dry-run")), new Document("_id", id)
                        .append("run", "run").append("owner", "dry-run").append("batch", batch).append("target", t)
                        .append("inserted", keys.stream().map(d -> d.get("_id")).toList())
                        .append("insertedHashes", keys.stream().map(Document::hashCode).toList())
                        .append("replaced", List.of()).append("undone", false), upsert);
                journal.updateOne(and(eq("_id", "lease"), eq("owner", "dry-run")), new Document("$set",
                        new Document("heartbeatAt", new Date()).append("expiresAt", new Date())));
            })));
            await(pending);
            journal.replaceOne(eq("_id", "run/" + batch), new Document("_id", "run/" + batch).append("run", "run")
                    .append("batch", batch).append("at", new Date()).append("stats", new Document("read", batchSize)
                            .append("quarantined", 0).append("ms", 0).append("written", new Document())), upsert);
            journal.updateOne(and(eq("_id", "run"), eq("owner", "dry-run")), new Document("$set",
                    new Document("batch", batch).append("lastKey", batch).append("processed", batch * batchSize)
                            .append("written", new Document()).append("updatedAt", new Date())));
            nanos[b] = System.nanoTime() - t0;
        }
        long[] counted = Arrays.copyOfRange(nanos, WARM_UP_BATCHES, nanos.length);
        Arrays.sort(counted);
        return counted[counted.length / 2];
    }

    private static void await(List<Future<?>> pending) {
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FerryException("interrupted while sampling the write cost", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r
                        : new FerryException("sampling the write cost failed: " + e.getCause(), e.getCause());
            }
        }
    }
}
