package dev.ferry.plan;

import org.bson.Document;

/**
 * Where the records come from.
 *
 * @param collection source collection (or table)
 * @param filter     optional filter on the source, an empty document for all records
 * @param key        the unique, sortable key that batches are paginated on (default {@code _id})
 * @param store      where the source lives: a MongoDB collection, or a PostgreSQL table ({@code schema.table})
 */
public record SourceSpec(String collection, Document filter, String key, StoreKind store) {
    public SourceSpec {
        filter = filter == null ? new Document() : filter;
        key = key == null || key.isBlank() ? "_id" : key;
        store = store == null ? StoreKind.MONGO : store;
    }

    /** A MongoDB collection as the source. */
    public SourceSpec(String collection, Document filter, String key) {
        this(collection, filter, key, StoreKind.MONGO);
    }

    public boolean isTable() {
        return store == StoreKind.POSTGRES;
    }
}
