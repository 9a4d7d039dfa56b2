package dev.ferry.store.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.ferry.plan.SourceSpec;
import dev.ferry.store.SourceReader;
import dev.ferry.store.StoreContractTest;
import dev.ferry.store.TargetWriter;
import dev.ferry.testing.InProcessMongo;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store contract for MongoDB: a collection source read by {@link MongoBatchReader}, a {@link MongoTargetWriter}. */
class MongoStoreContractTest extends StoreContractTest {

    private static final InProcessMongo MONGO = new InProcessMongo();
    private MongoStore store;

    @BeforeEach
    void connect() {
        store = MongoStore.connect(MONGO.uri("contract_" + UUID.randomUUID().toString().substring(0, 8)));
    }

    @AfterEach
    void disconnect() {
        store.close();
    }

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    @Override
    protected void createSource(List<Document> records) {
        store.collection("src").insertMany(records);
    }

    @Override
    protected SourceReader reader(Object afterKey, int batchSize) {
        return new MongoBatchReader(store, new SourceSpec("src", null, "k"), afterKey, batchSize);
    }

    @Override
    protected void changeSource(int key, String name) {
        store.collection("src").updateOne(Filters.eq("k", key), Updates.set("name", name));
    }

    @Override
    protected TargetWriter createTarget() {
        return new MongoTargetWriter(store, "tgt");
    }

    @Override
    protected void changeTarget(int id, String name) {
        store.collection("tgt").updateOne(Filters.eq("_id", id), Updates.set("name", name));
    }
}
