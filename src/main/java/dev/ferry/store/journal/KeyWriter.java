package dev.ferry.store.journal;

/**
 * The source record that wrote one target key in a run.
 *
 * @param key       the target key (a document's {@code _id}, a row's primary key), any BSON value
 * @param sourceKey the source key of the record that wrote it
 * @param batch     the batch that wrote it
 */
public record KeyWriter(Object key, Object sourceKey, long batch) {
}
