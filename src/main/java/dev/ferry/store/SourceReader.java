package dev.ferry.store;

import java.util.List;
import org.bson.Document;

/**
 * Reads a migration's source in key order, a batch at a time, as BSON documents: keyset pages after the last key
 * handed out (never skip/offset), so a run resumes from a checkpoint's key. One implementation per store
 * ({@code MongoBatchReader}, {@code PostgresBatchReader}); both pass {@code SourceReaderContractTest}.
 */
public interface SourceReader extends AutoCloseable {

    /** The next at most batch-size records in key order, after the last key handed out; empty at the end. */
    List<Document> next();

    /** The size of the pages from the next {@link #next()} on (an operator changed it while the run works). */
    void resize(int batchSize);

    /** A checksum of the records the last {@link #next()} returned, as stored (compared again by rollback). */
    DocumentChecksum.Sum lastBatchSum();

    /** The stored size in bytes of each record the last {@link #next()} returned, in the same order. */
    List<Integer> lastBatchSizes();

    /** The first {@code n} records in key order (previews and samples); does not move this reader. */
    List<Document> first(int n);

    /** How many records the source holds (for progress). */
    long count();

    /** The key the pages follow. */
    String key();

    /**
     * Refuses, by name and before anything is written, a source that cannot be paged safely on its key: records
     * without a key, or keys of more than one type.
     */
    void refuseUnpageableKeys();

    /** The checksum, as {@link #lastBatchSum()} computes it, of every record whose key is at most {@code lastKey}. */
    DocumentChecksum.Sum checksumUpTo(Object lastKey);

    /**
     * Reads no record whose key sorts after {@code upTo} (inclusive; null: no bound): one partition's key range.
     * Given before the first {@link #next()}.
     */
    void limitTo(Object upTo);

    /** How many records have a key after {@code after} (null: from the first) and up to {@code upTo} (null: to the end). */
    long count(Object after, Object upTo);

    /**
     * About {@code n} keys sampled from the source, in the store's key order, plus the last key of each key type the
     * sample met (keys of several types sort one type after another): where a run's partitions are cut.
     */
    java.util.List<Object> sampleKeys(int n);

    /** A name for messages: {@code people} or {@code public.people}. */
    String name();

    @Override
    void close();
}
