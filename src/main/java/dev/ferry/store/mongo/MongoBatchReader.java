package dev.ferry.store.mongo;

import dev.ferry.store.DocumentChecksum;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.MongoCursorNotFoundException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import dev.ferry.FerryException;
import dev.ferry.plan.SourceSpec;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.SourceReader;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.conversions.Bson;

/**
 * Reads a source in key order, batch after batch. It starts after a key (keyset: never skip/offset; keys of several
 * types in MongoDB's order of type brackets, see {@link KeyBrackets}) and streams one sorted cursor from there, so
 * the server sorts once rather than once per batch (the in-process demo server
 * scans the whole collection for every range query). A cursor the server dropped is reopened after the last key
 * handed out, so nothing is skipped or read twice.
 */
public final class MongoBatchReader implements SourceReader {

    private final MongoCollection<RawBsonDocument> source;
    private final String name;
    private final Bson filter;
    private final String key;
    private final Codec<Document> decoder;
    /** Changed only by {@link #resize}, read by the thread that reads ahead. */
    private volatile int batchSize;
    private Object lastKey;
    private Object upTo;
    private MongoCursor<RawBsonDocument> cursor;
    private DocumentChecksum.Sum lastBatchSum = DocumentChecksum.Sum.EMPTY;
    private List<Integer> lastBatchSizes = List.of();

    public MongoBatchReader(MongoStore store, SourceSpec spec, Object afterKey, int batchSize) {
        this.source = store.collection(spec.collection()).withDocumentClass(RawBsonDocument.class);
        this.name = spec.collection();
        this.filter = spec.filter();
        this.key = spec.key();
        this.decoder = store.database().getCodecRegistry().get(Document.class);
        this.batchSize = batchSize;
        this.lastKey = afterKey;
    }

    /** The next at most {@code batchSize} records in key order; empty at the end. */
    @Override
    public List<Document> next() {
        List<Document> batch = new ArrayList<>(batchSize);
        lastBatchSum = DocumentChecksum.Sum.EMPTY;
        lastBatchSizes = new ArrayList<>(batchSize);
        try {
            fill(batch);
        } catch (MongoCursorNotFoundException e) {
            close();
            fill(batch);
        }
        if (!batch.isEmpty()) {
            lastKey = SourceKeys.valueAt(batch.get(batch.size() - 1), key);
        }
        return batch;
    }

    private void fill(List<Document> batch) {
        if (cursor == null) {
            Object after = batch.isEmpty() ? lastKey : SourceKeys.valueAt(batch.get(batch.size() - 1), key);
            Bson query = range(after, upTo);
            cursor = source.find(query).sort(ascending(key)).batchSize(batchSize).iterator();
        }
        while (batch.size() < batchSize && cursor.hasNext()) {
            RawBsonDocument raw = cursor.next();
            lastBatchSum = lastBatchSum.addStored(raw);
            lastBatchSizes.add(raw.getByteBuffer().remaining());
            batch.add(raw.decode(decoder));
        }
    }

    /** The plan's filter and the keys after {@code after} up to {@code upTo}, each bound left out when null. */
    private Bson range(Object after, Object upTo) {
        List<Bson> parts = new ArrayList<>(List.of(filter));
        if (after != null) {
            parts.add(KeyBrackets.after(key, after));
        }
        if (upTo != null) {
            parts.add(KeyBrackets.upTo(key, upTo));
        }
        return parts.size() == 1 ? filter : and(parts);
    }

    @Override
    public void limitTo(Object upTo) {
        this.upTo = upTo;
    }

    @Override
    public long count(Object after, Object upTo) {
        return source.countDocuments(range(after, upTo));
    }

    /**
     * A server-side sample ({@code $sample}); where the server cannot sample (the in-process server fails on larger
     * samples), every k-th key of a key-only scan in key order. Grouped by type bracket, ordered within each bracket
     * (a bracket {@link KeyOrder} cannot order keeps only its last key), each bracket closed by its last key.
     */
    @Override
    public List<Object> sampleKeys(int n) {
        List<Object> keys = new ArrayList<>();
        try {
            source.withDocumentClass(Document.class).aggregate(List.of(new Document("$match", filter),
                    new Document("$sample", new Document("size", n)),
                    new Document("$project", new Document("_id", 0).append("k", "$" + key))))
                    .batchSize(Math.max(1, n)).forEach(d -> keys.add(d.get("k")));
        } catch (RuntimeException sampleFailed) {
            keys.clear();
            long stride = Math.max(1, count() / Math.max(1, n));
            long i = 0;
            for (RawBsonDocument d : source.find(filter).projection(new Document(key, 1)).sort(ascending(key))
                    .batchSize(10_000)) {
                if (i++ % stride == 0) {
                    keys.add(SourceKeys.valueAt(d.decode(decoder), key));
                }
            }
        }
        java.util.TreeMap<Integer, List<Object>> brackets = new java.util.TreeMap<>();
        keys.stream().filter(java.util.Objects::nonNull)
                .forEach(k -> brackets.computeIfAbsent(KeyBrackets.bracketOf(k), b -> new ArrayList<>()).add(k));
        List<Object> out = new ArrayList<>();
        brackets.forEach((bracket, inBracket) -> {
            java.util.Optional<java.util.Comparator<Object>> order = KeyOrder.of(inBracket);
            if (order.isPresent()) {
                inBracket.sort(order.get());
                out.addAll(inBracket);
            }
            RawBsonDocument last = source.find(and(filter, KeyBrackets.inBracket(key, bracket)))
                    .sort(new Document(key, -1)).limit(1).first();
            Object max = last == null ? null : SourceKeys.valueAt(last.decode(decoder), key);
            if (max != null && (out.isEmpty() || !SourceKeys.identity(max).equals(SourceKeys.identity(out.get(out
                    .size() - 1))))) {
                out.add(max);
            }
        });
        return out;
    }

    @Override
    public void resize(int batchSize) {
        this.batchSize = batchSize;
    }

    /** The checksum ({@link DocumentChecksum#ofStored}) of the records the last {@link #next()} returned. */
    @Override
    public DocumentChecksum.Sum lastBatchSum() {
        return lastBatchSum;
    }

    /** The stored size in bytes of each record the last {@link #next()} returned, in the same order. */
    @Override
    public List<Integer> lastBatchSizes() {
        return lastBatchSizes;
    }

    /** The first {@code n} records in key order (for previews and samples); does not move this reader. */
    @Override
    public List<Document> first(int n) {
        List<Document> out = new ArrayList<>(n);
        source.find(filter).sort(ascending(key)).limit(n).batchSize(n).forEach(raw -> out.add(raw.decode(decoder)));
        return out;
    }

    @Override
    public long count() {
        return source.countDocuments(filter);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DocumentChecksum.Sum checksumUpTo(Object lastKey) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (RawBsonDocument d : source.find(and(filter, KeyBrackets.upTo(key, lastKey))).batchSize(1000)) {
            sum = sum.addStored(d);
        }
        return sum;
    }

    @Override
    public void refuseUnpageableKeys() {
        refuseRecordsWithoutKey();
        refuseUnorderableKeys();
    }

    /**
     * Keys of several types page one type bracket after another ({@link KeyBrackets}); a key of a type that has no
     * place in MongoDB's order (JavaScript code, a DBPointer) is refused by name before anything is written.
     */
    private void refuseUnorderableKeys() {
        for (int direction : new int[] {1, -1}) {
            RawBsonDocument edge = source.find(filter).sort(new Document(key, direction)).limit(1).first();
            if (edge != null) {
                KeyBrackets.bracketOf(SourceKeys.valueAt(edge.decode(decoder), key));
            }
        }
    }

    /** Records without a key cannot be paginated or resumed: refuse them by name rather than skip them silently. */
    private void refuseRecordsWithoutKey() {
        if ("_id".equals(key)) {
            return;
        }
        Bson keyless = and(filter, or(exists(key, false), eq(key, null)));
        long count = source.countDocuments(keyless);
        if (count > 0) {
            Document first = source.find(keyless).first().decode(decoder);
            throw new FerryException(count + " records of " + name + " have no value for the"
                    + " plan's key " + key + " (the first has _id " + SourceKeys.render(first.get("_id")) + "). Give"
                    + " them a key, exclude them with the plan's source filter, or use a key every record has.");
        }
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
