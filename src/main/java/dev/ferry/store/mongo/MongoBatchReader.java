package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.MongoCollection;
import dev.ferry.plan.SourceSpec;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Reads a source in key order, one batch after another key (keyset pagination: never skip/offset). */
public final class MongoBatchReader {

    private final MongoCollection<Document> source;
    private final Bson filter;
    private final String key;

    public MongoBatchReader(MongoStore store, SourceSpec spec) {
        this.source = store.collection(spec.collection());
        this.filter = spec.filter();
        this.key = spec.key();
    }

    /** The next at most {@code size} records whose key is greater than {@code afterKey} (null: from the start). */
    public List<Document> next(Object afterKey, int size) {
        Bson query = afterKey == null ? filter : and(filter, gt(key, afterKey));
        return source.find(query).sort(ascending(key)).limit(size).batchSize(size).into(new ArrayList<>(size));
    }

    public long count() {
        return source.countDocuments(filter);
    }

    public String key() {
        return key;
    }
}
