package dev.ferry.plan;

import org.bson.Document;

/**
 * Where the records come from.
 *
 * @param collection source collection, table or view ({@code schema.name}); for a query, the name it goes by in
 *                   messages and the journal ({@code query} unless the plan names it)
 * @param filter     optional filter on the source, an empty document for all records
 * @param key        the unique, sortable key that batches are paginated on (default {@code _id})
 * @param store      where the source lives: a MongoDB collection, or a PostgreSQL table, view or query
 * @param query      a PostgreSQL query read as the source ({@code SELECT …}, read only, paged on {@code key}); else null
 */
public record SourceSpec(String collection, Document filter, String key, StoreKind store, String query) {
    public SourceSpec {
        filter = filter == null ? new Document() : filter;
        key = key == null || key.isBlank() ? "_id" : key;
        store = store == null ? StoreKind.MONGO : store;
    }

    /** A MongoDB collection, or a PostgreSQL table or view, as the source. */
    public SourceSpec(String collection, Document filter, String key, StoreKind store) {
        this(collection, filter, key, store, null);
    }

    /** A MongoDB collection as the source. */
    public SourceSpec(String collection, Document filter, String key) {
        this(collection, filter, key, StoreKind.MONGO, null);
    }

    public boolean isTable() {
        return store == StoreKind.POSTGRES;
    }

    /** True for a PostgreSQL query source. */
    public boolean isQuery() {
        return query != null;
    }
}
