package dev.ferry.demo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Seeds runbook 004's six collections into a database (the demo's {@code earlybird}), replacing what is there. The
 * users' email index exists beforehand, as it would in production: a set's down must not drop it.
 */
public final class EarlybirdDataset {

    public static final String DATABASE = "earlybird";
    public static final int DEFAULT_ORDERS = 2_000;
    public static final List<String> COLLECTIONS = List.of("orders", "delivery_statuses", "subscriptions_v2",
            "users", "customers_v2", "billing_records");
    private static final int INSERT_BATCH = 1_000;

    private EarlybirdDataset() {
    }

    /** Returns the number of documents written per collection. */
    public static Map<String, Integer> seed(MongoDatabase db, int orders, long seed) {
        EarlybirdGenerator gen = new EarlybirdGenerator(seed);
        EarlybirdGenerator.Sizes sizes = EarlybirdGenerator.Sizes.forOrders(orders);
        Map<String, List<Document>> data = new LinkedHashMap<>();
        data.put("orders", gen.orders(sizes));
        data.put("delivery_statuses", gen.deliveries(sizes));
        data.put("subscriptions_v2", gen.subscriptions(sizes));
        data.put("users", gen.users(sizes));
        data.put("customers_v2", gen.customers(sizes));
        data.put("billing_records", gen.billing(sizes));
        List<String> present = db.listCollectionNames().into(new ArrayList<>());
        Map<String, Integer> written = new LinkedHashMap<>();
        data.forEach((name, docs) -> {
            MongoCollection<Document> coll = db.getCollection(name);
            if (present.contains(name)) {
                coll.drop(); // only when present: the in-process server logs dropping a missing collection as an error
            }
            for (int from = 0; from < docs.size(); from += INSERT_BATCH) {
                coll.insertMany(docs.subList(from, Math.min(docs.size(), from + INSERT_BATCH)),
                        new InsertManyOptions().ordered(true));
            }
            written.put(name, docs.size());
        });
        db.getCollection("users").createIndex(Indexes.ascending("email"), new IndexOptions().name("email_1"));
        return written;
    }
}
