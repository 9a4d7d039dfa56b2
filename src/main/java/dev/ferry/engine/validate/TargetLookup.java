package dev.ferry.engine.validate;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Fetches target documents by {@code _id}, a bounded {@code $in} at a time. */
final class TargetLookup {

    private TargetLookup() {
    }

    static Map<Object, Document> byId(MongoCollection<Document> target, Collection<Object> ids, int batch) {
        Map<Object, Document> found = new HashMap<>();
        List<Object> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += batch) {
            List<Object> chunk = all.subList(from, Math.min(all.size(), from + batch));
            for (Document d : target.find(in("_id", chunk)).batchSize(batch)) {
                found.put(d.get("_id"), d);
            }
        }
        return found;
    }

    /** The evidence line for such a lookup. */
    static String query(String target, int ids) {
        return "db." + target + ".find({\"_id\": {\"$in\": [<" + Shell.n(ids) + " ids the mapping produced>]}})";
    }
}
