package dev.ferry.engine.split;

import dev.ferry.engine.split.stores.PlanStores;

import dev.ferry.FerryException;
import dev.ferry.plan.Plan;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.SourceReader;
import dev.ferry.transform.FieldError;
import dev.ferry.transform.MappedRecord;
import dev.ferry.transform.RecordMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.ferry.store.journal.QuarantineEntry;
import org.bson.Document;

/**
 * Reads and maps the next batch on a background thread while the current one is written, so that reading,
 * decoding and transforming overlap with the database's write work. Only one batch is ever ahead, and nothing is
 * checkpointed until it is written, so a stop simply discards the batch read ahead.
 */
final class BatchPipeline implements AutoCloseable {

    /** One batch, read and mapped, ready to write. */
    record Prepared(List<Document> sources, DocumentChecksum.Sum sourceSum, Map<String, List<Document>> perTarget,
                    List<QuarantineEntry> quarantined) {
        boolean isEmpty() {
            return sources.isEmpty();
        }

        Object lastKey(String key) {
            return SourceKeys.valueAt(sources.get(sources.size() - 1), key);
        }
    }

    /** Records larger than this have their target documents' sizes checked (smaller ones cannot reach the limit). */
    private static final int CHECK_SIZES_ABOVE = 1024 * 1024;

    private final SourceReader reader;
    private final PlanStores.Writers writers;
    private final Plan plan;
    private final RecordMapper mapper;
    private final boolean embeds;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ferry-read-ahead");
        t.setDaemon(true);
        return t;
    });
    private Future<Prepared> ahead;
    private Object previousKey;

    BatchPipeline(SourceReader reader, PlanStores.Writers writers, Plan plan, RecordMapper mapper) {
        this.reader = reader;
        this.writers = writers;
        this.plan = plan;
        this.mapper = mapper;
        this.embeds = plan.embeds();
        this.ahead = worker.submit(this::prepare);
    }

    /** The next batch (waiting for it if it is still being read) and starts reading the one after. */
    Prepared take() {
        Prepared next;
        try {
            next = ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted while reading the source", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new FerryException(e.getCause().toString(), e);
        }
        ahead = next.isEmpty() ? null : worker.submit(this::prepare);
        return next;
    }

    private Prepared prepare() {
        List<Document> sources = reader.next();
        List<Integer> sizes = reader.lastBatchSizes();
        Map<String, List<Document>> perTarget = new LinkedHashMap<>();
        plan.targets().forEach(t -> perTarget.put(t.collection(), new ArrayList<>(sources.size())));
        List<QuarantineEntry> quarantined = new ArrayList<>();
        String key = plan.source().key();
        Map<String, Map<Object, Object>> seenIds = new java.util.HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            Document source = sources.get(i);
            refuseRepeatedKey(SourceKeys.valueAt(source, key), source);
            MappedRecord mapped = mapper.mapSafely(source, key);
            if (mapped.ok()) { // embedded records can make a small record's document large
                mapped = refuseUnfit(mapped, embeds || sizes.get(i) > CHECK_SIZES_ABOVE);
            }
            if (mapped.ok()) {
                mapped = refuseSharedTargetIds(mapped, seenIds, key);
            }
            if (mapped.ok()) {
                mapped.documents().forEach((t, docs) -> perTarget.get(t).addAll(docs));
            } else {
                List<String> errors = mapped.errors().stream().map(Object::toString).toList();
                quarantined.add(new QuarantineEntry(SourceKeys.valueAt(source, key), String.join("; ", errors), errors,
                        source));
            }
        }
        return new Prepared(sources, reader.lastBatchSum(), perTarget, quarantined);
    }

    /**
     * Keys arrive sorted, so a repeated key value is seen next to its twin. Pages go past a key with {@code $gt},
     * so a key that is not unique would lose records on a resume: stop and say so rather than risk it.
     */
    private void refuseRepeatedKey(Object key, Document source) {
        Object identity = SourceKeys.identity(key);
        if (previousKey != null && previousKey.equals(identity)) {
            throw new FerryException("The source key " + plan.source().key() + " is not unique: two records of "
                    + plan.source().collection() + " have " + SourceKeys.render(key) + (source.containsKey("_id")
                    ? " (one has _id " + SourceKeys.render(source.get("_id")) + ")" : "")
                    + ". Use a unique key (e.g. _id, or a table's primary key) in the plan.");
        }
        previousKey = identity;
    }

    /**
     * Two records of one batch that map to the same target {@code _id} would overwrite each other, and the second
     * write's "pre-image" would be the first's: the later record is quarantined instead, naming the first.
     */
    private static MappedRecord refuseSharedTargetIds(MappedRecord mapped, Map<String, Map<Object, Object>> seen,
                                                      String key) {
        List<FieldError> errors = new ArrayList<>();
        mapped.documents().forEach((t, docs) -> docs.forEach(doc -> {
            Object first = seen.computeIfAbsent(t, x -> new java.util.HashMap<>())
                    .putIfAbsent(SourceKeys.identity(doc.get("_id")), mapped.sourceKey());
            if (first != null) {
                errors.add(new FieldError(t, "_id", "maps to _id " + SourceKeys.render(doc.get("_id")) + ", as the"
                        + " record with " + key + " " + SourceKeys.render(first) + " does: target ids must be unique"));
            }
        }));
        return errors.isEmpty() ? mapped : mapped.withErrors(errors);
    }

    /**
     * A document a target cannot store (a value that does not fit its column; one over MongoDB's 16 MB limit) would
     * fail its whole batch: its record is quarantined instead, with the target's reasons. Collections are asked only
     * about records large enough to reach the limit.
     */
    private MappedRecord refuseUnfit(MappedRecord mapped, boolean large) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, List<Document>> documents = mapped.documents();
        for (TargetSpec target : plan.targets()) {
            if (large || target.isTable()) {
                documents.getOrDefault(target.collection(), List.of()).forEach(doc -> writers.get(target.collection())
                        .refusals(doc).forEach(reason -> errors.add(new FieldError(target.collection(), "*", reason))));
            }
        }
        return errors.isEmpty() ? mapped : mapped.withErrors(errors);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
