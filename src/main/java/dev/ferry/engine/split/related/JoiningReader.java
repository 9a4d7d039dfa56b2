package dev.ferry.engine.split.related;

import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.SourceReader;
import java.util.List;
import org.bson.Document;

/**
 * A source reader whose records come joined with the related records their plan embeds, a batch at a time
 * ({@link RelatedFetch}). Everything else — keys, checksums, sizes, counts — is the source's own.
 */
public final class JoiningReader implements SourceReader {
    private final SourceReader source;
    private final RelatedFetch related;

    public JoiningReader(SourceReader source, RelatedFetch related) {
        this.source = source;
        this.related = related;
    }

    @Override
    public List<Document> next() {
        List<Document> batch = source.next();
        return batch.isEmpty() ? batch : related.join(batch);
    }

    @Override
    public void resize(int batchSize) {
        source.resize(batchSize);
    }

    @Override
    public DocumentChecksum.Sum lastBatchSum() {
        return source.lastBatchSum();
    }

    @Override
    public List<Integer> lastBatchSizes() {
        return source.lastBatchSizes();
    }

    @Override
    public List<Document> first(int n) {
        return related.join(source.first(n));
    }

    @Override
    public long count() {
        return source.count();
    }

    @Override
    public String key() {
        return source.key();
    }

    @Override
    public void refuseUnpageableKeys() {
        source.refuseUnpageableKeys();
    }

    @Override
    public DocumentChecksum.Sum checksumUpTo(Object lastKey) {
        return source.checksumUpTo(lastKey);
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public void limitTo(Object upTo) {
        source.limitTo(upTo);
    }

    @Override
    public long count(Object after, Object upTo) {
        return source.count(after, upTo);
    }

    @Override
    public List<Object> sampleKeys(int n) {
        return source.sampleKeys(n);
    }

    @Override
    public void close() {
        try {
            related.close();
        } finally {
            source.close();
        }
    }
}
