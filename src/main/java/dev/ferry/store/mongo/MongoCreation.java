package dev.ferry.store.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.model.IndexOptions;
import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** What a run creates in a MongoDB database and its rollback drops: collections and their indexes. */
public final class MongoCreation {
    private final MongoStore store;

    public MongoCreation(MongoStore store) {
        this.store = store;
    }

    public boolean collectionExists(String collection) {
        return store.exists(collection);
    }

    public void createCollection(String collection) {
        run(() -> store.database().createCollection(collection), "create the collection " + collection);
    }

    /** {@code {user_id: 1, created_at: -1}} in key order. */
    public static Document keys(Map<String, Integer> keys) {
        Document d = new Document();
        keys.forEach(d::append);
        return d;
    }

    /** The name MongoDB gives an index of these keys when none is given: {@code user_id_1_created_at_-1}. */
    public static String defaultName(Map<String, Integer> keys) {
        StringBuilder sb = new StringBuilder();
        keys.forEach((f, d) -> sb.append(sb.length() == 0 ? "" : "_").append(f).append('_').append(d));
        return sb.toString();
    }

    /** Whether the collection has an index of this name, or of these keys under any name. */
    public boolean indexExists(String collection, String name, Map<String, Integer> keys) {
        if (!store.exists(collection)) {
            return false;
        }
        Document wanted = keys(keys);
        for (Document index : store.collection(collection).listIndexes()) {
            Document key = index.get("key", Document.class);
            if (name.equals(index.getString("name")) || (key != null && sameKeys(key, wanted))) {
                return true;
            }
        }
        return false;
    }

    public void createIndex(String collection, String name, Map<String, Integer> keys, boolean unique) {
        run(() -> store.collection(collection).createIndex(keys(keys), new IndexOptions().name(name).unique(unique)),
                "create the index " + name + " on " + collection);
    }

    public void dropIndex(String collection, String name) {
        if (store.exists(collection) && indexNames(collection).contains(name)) {
            run(() -> store.collection(collection).dropIndex(name), "drop the index " + name + " on " + collection);
        }
    }

    public void dropCollection(String collection) {
        run(() -> store.collection(collection).drop(), "drop the collection " + collection);
    }

    public long count(String collection) {
        return store.exists(collection) ? store.collection(collection).countDocuments() : 0;
    }

    private List<String> indexNames(String collection) {
        return store.collection(collection).listIndexes().map(d -> d.getString("name")).into(new java.util.ArrayList<>());
    }

    private static boolean sameKeys(Document a, Document b) {
        if (!a.keySet().stream().toList().equals(b.keySet().stream().toList())) {
            return false;
        }
        return a.keySet().stream().allMatch(k -> a.get(k) instanceof Number x && b.get(k) instanceof Number y
                && x.intValue() == y.intValue());
    }

    private static void run(Runnable action, String what) {
        try {
            action.run();
        } catch (MongoException e) {
            throw new FerryException("Could not " + what + ": " + Secrets.redact(e.getMessage())
                    + ". Fix the cause (a privilege, duplicate values under a unique index) and run again.", e);
        }
    }
}
