package dev.ferry.engine.validate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
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
 * Fetches one target's documents by {@code _id}, a batch at a time. When a batch's ids are a dense range (target ids
 * derived from the source key and read in key order, the usual case) it reads that {@code _id} range, which any server
 * answers from the {@code _id} index; otherwise a bounded {@code $in} (which mongo-java-server answers by scanning).
 */
final class TargetLookup {

    private final MongoCollection<Document> target;
    private final String name;
    private final int batch;
    private long rangeQueries;
    private long inQueries;
    private long ids;

    TargetLookup(MongoCollection<Document> target, int batch) {
        this.target = target;
        this.name = target.getNamespace().getCollectionName();
        this.batch = batch;
    }

    Map<Object, Document> byId(Collection<Object> wanted) {
        ids += wanted.size();
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

    /** The queries used, for the evidence. */
    String describe() {
        List<String> used = new ArrayList<>();
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
        return ((Comparable) a).compareTo(b);
    }
}
