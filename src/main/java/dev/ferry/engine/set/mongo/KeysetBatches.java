package dev.ferry.engine.set.mongo;

import static com.mongodb.client.model.Filters.and;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import dev.ferry.store.mongo.KeyBrackets;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads the documents of a collection that match a filter in batches ordered by {@code _id}, each batch starting
 * after the last key of the one before (never skip/offset): a batch's writes cannot shift the next batch. Keys of
 * several types are read one type bracket after another, as MongoDB sorts them.
 */
final class KeysetBatches {

    private KeysetBatches() {
    }

    /** Feeds every batch to {@code each}; returns the number of documents read. */
    static long forEach(MongoCollection<Document> collection, Bson filter, Bson projection, int batchSize,
                        Consumer<List<Document>> each) {
        Object last = null;
        long read = 0;
        while (true) {
            Bson page = last == null ? filter : and(filter, KeyBrackets.after("_id", last));
            List<Document> batch = collection.find(page).projection(projection).sort(Sorts.ascending("_id"))
                    .limit(batchSize).batchSize(batchSize).into(new ArrayList<>(batchSize));
            if (batch.isEmpty()) {
                return read;
            }
            each.accept(batch);
            read += batch.size();
            last = batch.get(batch.size() - 1).get("_id");
        }
    }

    static List<Object> ids(List<Document> batch) {
        List<Object> ids = new ArrayList<>(batch.size());
        batch.forEach(d -> ids.add(d.get("_id")));
        return ids;
    }
}
