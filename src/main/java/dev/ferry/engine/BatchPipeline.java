package dev.ferry.engine;

import dev.ferry.FerryException;
import dev.ferry.plan.Plan;
import dev.ferry.store.mongo.DocumentChecksum;
import dev.ferry.store.mongo.MongoBatchReader;
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
import org.bson.Document;

/**
 * Reads and maps the next batch on a background thread while the current one is written, so that reading,
 * decoding and transforming overlap with the database's write work. Only one batch is ever ahead, and nothing is
 * checkpointed until it is written, so a stop simply discards the batch read ahead.
 */
final class BatchPipeline implements AutoCloseable {

    /** One batch, read and mapped, ready to write. */
    record Prepared(List<Document> sources, DocumentChecksum.Sum sourceSum, Map<String, List<Document>> perTarget,
                    List<Document> quarantined) {
        boolean isEmpty() {
            return sources.isEmpty();
        }

        Object lastKey(String key) {
            return sources.get(sources.size() - 1).get(key);
        }
    }

    private final MongoBatchReader reader;
    private final Plan plan;
    private final RecordMapper mapper;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ferry-read-ahead");
        t.setDaemon(true);
        return t;
    });
    private Future<Prepared> ahead;

    BatchPipeline(MongoBatchReader reader, Plan plan, RecordMapper mapper) {
        this.reader = reader;
        this.plan = plan;
        this.mapper = mapper;
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
        Map<String, List<Document>> perTarget = new LinkedHashMap<>();
        plan.targets().forEach(t -> perTarget.put(t.collection(), new ArrayList<>(sources.size())));
        List<Document> quarantined = new ArrayList<>();
        String key = plan.source().key();
        for (Document source : sources) {
            MappedRecord mapped = mapSafely(source, key);
            if (mapped.ok()) {
                mapped.targets().forEach((t, doc) -> perTarget.get(t).add(doc));
            } else {
                List<String> errors = mapped.errors().stream().map(Object::toString).toList();
                quarantined.add(new Document("key", source.get(key)).append("errors", errors)
                        .append("reason", String.join("; ", errors)).append("source", source));
            }
        }
        return new Prepared(sources, reader.lastBatchSum(), perTarget, quarantined);
    }

    /** A mapper that throws is a bug in a transform; the record is quarantined with the reason, the run goes on. */
    private MappedRecord mapSafely(Document source, String key) {
        try {
            return mapper.map(source);
        } catch (RuntimeException e) {
            return new MappedRecord(source.get(key), Map.of(), List.of(
                    new FieldError("*", "*", "the mapping failed: " + e)));
        }
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
