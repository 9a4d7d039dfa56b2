package dev.ferry.engine.set.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import dev.ferry.FerryException;
import dev.ferry.store.SourceKeys;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads the documents of a collection that match a filter in batches ordered by {@code _id}, each batch starting
 * after the last key of the one before (never skip/offset): a batch's writes cannot shift the next batch.
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
            Bson page = last == null ? filter : and(filter, gt("_id", last));
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

    /**
     * Refuses a collection whose matching documents' {@code _id}s are of more than one type: MongoDB's range queries
     * compare within one type bracket, so a keyset pass would silently stop at the end of the first bracket.
     */
    static void requireOneKeyType(MongoCollection<Document> collection, Bson filter) {
        Document least = collection.find(filter).projection(new Document("_id", 1)).sort(Sorts.ascending("_id"))
                .limit(1).batchSize(1).first();
        Document greatest = collection.find(filter).projection(new Document("_id", 1)).sort(Sorts.descending("_id"))
                .limit(1).batchSize(1).first();
        if (least == null || greatest == null) {
            return;
        }
        String a = SourceKeys.bracket(least.get("_id"));
        String b = SourceKeys.bracket(greatest.get("_id"));
        if (!a.equals(b)) {
            throw new FerryException("the _id values of " + collection.getNamespace().getCollectionName() + " are of"
                    + " different types (" + a + " … " + b + "); batches are read in _id order within one type, so"
                    + " this operation would miss documents. Narrow it with a filter on one _id type");
        }
    }

    static List<Object> ids(List<Document> batch) {
        List<Object> ids = new ArrayList<>(batch.size());
        batch.forEach(d -> ids.add(d.get("_id")));
        return ids;
    }
}
