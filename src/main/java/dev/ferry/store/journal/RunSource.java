package dev.ferry.store.journal;

import org.bson.Document;

/**
 * The source a run read, as it was when the run began (a rollback checks it against what the run read).
 *
 * @param name  the collection or table
 * @param store {@code mongo} or {@code postgres}
 */
public record RunSource(String name, Document filter, String key, String store) {

    public RunSource {
        filter = filter == null ? new Document() : filter;
        store = store == null ? "mongo" : store;
    }
}
