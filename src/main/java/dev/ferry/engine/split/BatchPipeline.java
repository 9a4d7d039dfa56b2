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

    /**
     * One batch, read and mapped, ready to write: the records that mapped (in key order) and those quarantined.
     *
     * @param targets the plan's targets, in plan order
     */
    record Prepared(List<Document> sources, DocumentChecksum.Sum sourceSum, List<String> targets,
                    List<MappedRecord> accepted, List<QuarantineEntry> quarantined) {
        boolean isEmpty() {
            return sources.isEmpty();
        }

        Object lastKey(String key) {
            return SourceKeys.valueAt(sources.get(sources.size() - 1), key);
        }

        /** Per target, the documents to write, in key order; every target of the plan, some perhaps with none. */
        Map<String, List<Document>> perTarget() {
            Map<String, List<Document>> perTarget = new LinkedHashMap<>();
            targets.forEach(t -> perTarget.put(t, new ArrayList<>(accepted.size())));
            accepted.forEach(m -> m.documents().forEach((t, docs) -> perTarget.get(t).addAll(docs)));
            return perTarget;
        }

        /**
         * The same batch with the records {@code refused} names (by source key identity) quarantined instead of
         * written, with their reasons.
         */
        Prepared refusing(Map<Object, List<FieldError>> refused, String key) {
            if (refused.isEmpty()) {
                return this;
            }
            Map<Object, Document> byKey = new java.util.HashMap<>();
            sources.forEach(d -> byKey.put(SourceKeys.identity(SourceKeys.valueAt(d, key)), d));
            List<MappedRecord> kept = new ArrayList<>(accepted.size());
            List<QuarantineEntry> out = new ArrayList<>(quarantined);
            for (MappedRecord m : accepted) {
                List<FieldError> errors = refused.get(SourceKeys.identity(m.sourceKey()));
                if (errors == null) {
                    kept.add(m);
                } else {
                    out.add(entry(m.sourceKey(), errors, byKey.get(SourceKeys.identity(m.sourceKey()))));
                }
            }
            return new Prepared(sources, sourceSum, targets, kept, out);
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
        List<MappedRecord> accepted = new ArrayList<>(sources.size());
        List<QuarantineEntry> quarantined = new ArrayList<>();
        String key = plan.source().key();
        for (int i = 0; i < sources.size(); i++) {
            Document source = sources.get(i);
            refuseRepeatedKey(SourceKeys.valueAt(source, key), source);
            MappedRecord mapped = mapper.mapSafely(source, key);
            if (mapped.ok()) { // embedded records can make a small record's document large
                mapped = refuseUnfit(mapped, embeds || sizes.get(i) > CHECK_SIZES_ABOVE);
            }
            if (mapped.ok()) {
                accepted.add(mapped);
            } else {
                quarantined.add(entry(SourceKeys.valueAt(source, key), mapped.errors(), source));
            }
        }
        return new Prepared(sources, reader.lastBatchSum(), plan.targets().stream().map(TargetSpec::collection).toList(),
                accepted, quarantined);
    }

    private static QuarantineEntry entry(Object key, List<FieldError> fieldErrors, Document source) {
        List<String> errors = fieldErrors.stream().map(Object::toString).toList();
        return new QuarantineEntry(key, String.join("; ", errors), errors, source);
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
