package dev.ferry.engine.split.create;

import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.store.journal.CreatedObject;
import dev.ferry.store.mongo.MongoCreation;
import dev.ferry.store.postgres.PostgresDdl;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * Makes, finds, counts and drops one created object from what the journal keeps of it: a table or index by its
 * statement, a collection by name, a collection's index by its keys and options ({@code {"key": …, "unique": …}}).
 */
final class ObjectActions {
    private final PlanStores stores;

    ObjectActions(PlanStores stores) {
        this.stores = stores;
    }

    boolean exists(CreatedObject o) {
        return switch (o.kind()) {
            case TABLE -> ddl(o).tableExists(o.name());
            case TABLE_INDEX -> ddl(o).tableExists(o.target()) && ddl(o).indexExists(o.target(), o.name());
            case COLLECTION -> mongo(o).collectionExists(o.name());
            case COLLECTION_INDEX -> mongo(o).indexExists(o.target(), o.name(), keys(o));
        };
    }

    void make(CreatedObject o) {
        switch (o.kind()) {
            case TABLE -> ddl(o).execute(o.definition(), "create the table " + o.name());
            case TABLE_INDEX -> ddl(o).execute(o.definition(), "create the index " + o.name() + " on " + o.target());
            case COLLECTION -> mongo(o).createCollection(o.name());
            case COLLECTION_INDEX -> mongo(o).createIndex(o.target(), o.name(), keys(o),
                    Document.parse(o.definition()).getBoolean("unique", false));
        }
    }

    /** Rows or documents a table or collection holds now; 0 for an index. */
    long records(CreatedObject o) {
        return switch (o.kind()) {
            case TABLE -> ddl(o).count(o.name());
            case COLLECTION -> mongo(o).count(o.name());
            default -> 0;
        };
    }

    void drop(CreatedObject o) {
        switch (o.kind()) {
            case TABLE -> ddl(o).dropTable(o.name());
            case TABLE_INDEX -> ddl(o).dropIndex(o.target(), o.name());
            case COLLECTION -> mongo(o).dropCollection(o.name());
            case COLLECTION_INDEX -> mongo(o).dropIndex(o.target(), o.name());
        }
    }

    /** What a collection index's definition keeps. */
    static String indexDefinition(Map<String, Integer> keys, boolean unique) {
        return new Document("key", MongoCreation.keys(keys)).append("unique", unique).toJson();
    }

    /** {@code {user_id: 1, created_at: -1} unique}, as MongoDB's shell writes an index. */
    static String describeIndex(String definition) {
        Document d = Document.parse(definition);
        StringBuilder sb = new StringBuilder("{");
        d.get("key", Document.class).forEach((k, v) -> sb.append(sb.length() == 1 ? "" : ", ").append(k).append(": ")
                .append(v));
        return sb.append("}").append(d.getBoolean("unique", false) ? " unique" : "").toString();
    }

    private static Map<String, Integer> keys(CreatedObject o) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        Document key = Document.parse(o.definition()).get("key", Document.class);
        key.forEach((k, v) -> keys.put(k, ((Number) v).intValue()));
        return keys;
    }

    private PostgresDdl ddl(CreatedObject o) {
        return new PostgresDdl(stores.postgres("target", o.kind() == CreatedObject.Kind.TABLE ? o.name() : o.target()));
    }

    private MongoCreation mongo(CreatedObject o) {
        return new MongoCreation(stores.mongo("target", o.kind() == CreatedObject.Kind.COLLECTION ? o.name()
                : o.target()));
    }
}
