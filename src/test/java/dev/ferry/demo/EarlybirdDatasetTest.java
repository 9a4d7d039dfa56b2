package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.testing.InProcessMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The earlybird demo data: runbook 004's six collections, deterministic, with the legacy values a rollback must keep. */
class EarlybirdDatasetTest {

    @Test
    void theSameSeedGivesTheSameCollections() {
        try (InProcessMongo mongo = new InProcessMongo()) {
            Map<String, Integer> written = EarlybirdDataset.seed(mongo.database("a"), 400, 9);
            EarlybirdDataset.seed(mongo.database("b"), 400, 9);
            EarlybirdDataset.seed(mongo.database("b"), 400, 9); // seeding again replaces, never appends

            assertThat(written).containsOnlyKeys(EarlybirdDataset.COLLECTIONS)
                    .containsEntry("orders", 400).containsEntry("users", 100).containsEntry("customers_v2", 80);
            for (String c : EarlybirdDataset.COLLECTIONS) {
                assertThat(sum(mongo.database("b"), c)).as(c).isEqualTo(sum(mongo.database("a"), c));
            }
            MongoDatabase db = mongo.database("a");
            assertThat(db.getCollection("orders").countDocuments(Filters.exists("subscription_id"))).isBetween(20L, 120L);
            assertThat(db.getCollection("delivery_statuses").countDocuments(Filters.exists("order_id"))).isPositive();
            assertThat(db.getCollection("users").countDocuments(Filters.exists("customer_v2_id"))).isEqualTo(10);
            assertThat(db.getCollection("users").listIndexes().map(i -> i.getString("name")).into(new ArrayList<>()))
                    .contains("email_1");
        }
    }

    private static DocumentChecksum.Sum sum(MongoDatabase db, String collection) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        List<Document> docs = db.getCollection(collection).find().batchSize(1000).into(new ArrayList<>());
        for (Document d : docs) {
            sum = sum.add(d);
        }
        return sum;
    }

    @Test
    void theDemoServesItInDatabaseEarlybird() {
        try (DemoDatabase demo = DemoDatabase.start(0)) {
            Map<String, Integer> written = demo.seedEarlybird(100, EarlybirdGenerator.DEFAULT_SEED);
            assertThat(demo.connectionString(EarlybirdDataset.DATABASE)).endsWith(":" + demo.port() + "/earlybird");
            try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(
                    demo.connectionString(EarlybirdDataset.DATABASE))) {
                MongoDatabase db = client.getDatabase(EarlybirdDataset.DATABASE);
                for (String c : EarlybirdDataset.COLLECTIONS) {
                    assertThat(db.getCollection(c).countDocuments()).as(c).isEqualTo(written.get(c).longValue());
                }
            }
        }
    }
}
