package dev.ferry.plan;

import org.bson.Document;

/**
 * Where the records come from.
 *
 * @param collection source collection (or table)
 * @param filter     optional filter on the source, an empty document for all records
 * @param key        the unique, sortable key that batches are paginated on (default {@code _id})
 */
public record SourceSpec(String collection, Document filter, String key) {
    public SourceSpec {
        filter = filter == null ? new Document() : filter;
        key = key == null || key.isBlank() ? "_id" : key;
    }
}
