package dev.ferry.engine.split.validate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Sorts;
import dev.ferry.store.SourceKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Fetches one target's documents by {@code _id}, a batch at a time. When the batches' ids rise from batch to batch
 * (target ids derived from the source key, read in key order: the usual case) it streams the target once, in
 * {@code _id} order, beside the source — one index scan, where per-batch queries would each scan the whole collection
 * on mongo-java-server. Otherwise a dense range of ids is read as a range, and anything else by a bounded {@code $in}.
 */
final class TargetLookup {

    private final MongoCollection<Document> target;
    private final String name;
    private final int batch;
    private long rangeQueries;
    private long inQueries;
    private long ids;
    private long streamedBatches;
    private boolean streaming = true;
    private MongoCursor<Document> cursor;
    private Document peeked;
    private Object lastMax;

    TargetLookup(MongoCollection<Document> target, int batch) {
        this.target = target;
        this.name = target.getNamespace().getCollectionName();
        this.batch = batch;
    }

    Map<Object, Document> byId(Collection<Object> wanted) {
        ids += wanted.size();
        Object[] bounds = streaming ? bounds(wanted) : null;
        if (bounds != null && (lastMax == null || (sameRank(lastMax, bounds[0]) && compare(lastMax, bounds[0]) < 0))) {
            lastMax = bounds[1];
            streamedBatches++;
            Map<Object, Object> byIdentity = new HashMap<>();
            wanted.forEach(id -> byIdentity.put(SourceKeys.identity(id), id));
            return streamUpTo(bounds[1], byIdentity);
        }
        streaming = false; // the ids stopped rising: the stream cannot go back, so query from here on
        close();
        Map<Object, Document> found = new HashMap<>();
        Bson range = range(wanted);
        if (range != null && target.countDocuments(range) <= 2L * wanted.size()) {
            rangeQueries++;
            Set<Object> keep = new HashSet<>(wanted);
            for (Document d : target.find(range).batchSize(batch)) {
                if (keep.contains(d.get("_id"))) {
                    found.put(d.get("_id"), d);
                }
            }
            return found;
        }
        List<Object> all = new ArrayList<>(wanted);
        for (int from = 0; from < all.size(); from += batch) {
            inQueries++;
            for (Document d : target.find(in("_id", all.subList(from, Math.min(all.size(), from + batch))))
                    .batchSize(batch)) {
                found.put(d.get("_id"), d);
            }
        }
        return found;
    }

    /** Reads the target in {@code _id} order up to {@code max}, keeping the wanted documents. */
    private Map<Object, Document> streamUpTo(Object max, Map<Object, Object> wanted) {
        if (cursor == null) {
            cursor = target.find().sort(Sorts.ascending("_id")).batchSize(batch).iterator();
        }
        Map<Object, Document> found = new HashMap<>();
        while (true) {
            Document next = peeked != null ? peeked : cursor.hasNext() ? cursor.next() : null;
            peeked = null;
            if (next == null) {
                return found;
            }
            Object id = next.get("_id");
            if (isAfter(id, max)) {
                peeked = next;
                return found;
            }
            Object asWanted = wanted.get(SourceKeys.identity(id));
            if (asWanted != null) {
                found.put(asWanted, next);
            }
        }
    }

    /** True when a stored {@code _id} sorts after {@code max} in BSON order (by type first, then by value). */
    private static boolean isAfter(Object id, Object max) {
        int rank = Integer.compare(rank(id), rank(max));
        return rank != 0 ? rank > 0 : compare(id, max) > 0;
    }

    /** BSON's order of types for the comparable key types; any other type is ranked as its own group. */
    private static int rank(Object id) {
        if (id instanceof Integer || id instanceof Long) {
            return 1;
        }
        if (id instanceof ObjectId) {
            return 7;
        }
        if (id instanceof Date) {
            return 9;
        }
        return id instanceof String ? 2 : id instanceof Map<?, ?> ? 3 : 5;
    }

    private static boolean sameRank(Object a, Object b) {
        return rank(a) == rank(b);
    }

    /** The least and greatest id, when all are of one streamable type (ObjectId, int/long or date); else null. */
    private static Object[] bounds(Collection<Object> ids) {
        Object min = null;
        Object max = null;
        for (Object id : ids) {
            if (!(id instanceof ObjectId || id instanceof Integer || id instanceof Long || id instanceof Date)
                    || (min != null && !sameRank(id, min))) {
                return null;
            }
            if (min == null || compare(id, min) < 0) {
                min = id;
            }
            if (max == null || compare(id, max) > 0) {
                max = id;
            }
        }
        return min == null ? null : new Object[] {min, max};
    }

    void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
        peeked = null;
    }

    /** The queries used, for the evidence. */
    String describe() {
        List<String> used = new ArrayList<>();
        if (streamedBatches > 0) {
            used.add("one scan of db." + name + ".find({}).sort({\"_id\": 1}) beside the source (" + Shell.n(streamedBatches)
                    + " batches)");
        }
        if (rangeQueries > 0) {
            used.add(Shell.n(rangeQueries) + " × db." + name + ".find({\"_id\": {\"$gte\": <first id>, \"$lte\": <last id>}})");
        }
        if (inQueries > 0) {
            used.add(Shell.n(inQueries) + " × db." + name + ".find({\"_id\": {\"$in\": [<up to " + Shell.n(batch) + " ids>]}})");
        }
        return Shell.n(ids) + " ids the mapping produced, looked up in " + name + " by "
                + (used.isEmpty() ? "no query" : String.join(" and ", used));
    }

    /**
     * The ids' range, when they are all of one type whose Java order is BSON's order; null otherwise (strings and UUIDs
     * order differently in Java and BSON, so they always go by $in).
     */
    private static Bson range(Collection<Object> ids) {
        if (ids.size() < 2) {
            return null;
        }
        Class<?> type = ids.iterator().next().getClass();
        if (type != ObjectId.class && type != Integer.class && type != Long.class && type != Date.class) {
            return null;
        }
        Object min = null;
        Object max = null;
        for (Object id : ids) {
            if (id.getClass() != type) {
                return null;
            }
            if (min == null || compare(id, min) < 0) {
                min = id;
            }
            if (max == null || compare(id, max) > 0) {
                max = id;
            }
        }
        return and(gte("_id", min), lte("_id", max));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Long.compare(x.longValue(), y.longValue());
        }
        return ((Comparable) a).compareTo(b);
    }
}
