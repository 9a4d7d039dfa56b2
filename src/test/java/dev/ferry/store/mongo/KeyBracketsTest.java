package dev.ferry.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import dev.ferry.testing.InProcessMongo;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Code;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyBracketsTest {

    static InProcessMongo mongo;
    static MongoCollection<Document> keys;
    /** One key of every orderable type, in MongoDB's sort order. */
    static final List<Object> ORDERED = List.of(-3, 2.5, Decimal128.parse("7.25"), 9_000_000_000L, "a", "b",
            new Document("x", 1), new Binary(new byte[] {1, 2}), new ObjectId("650000000000000000000001"),
            new ObjectId("650000000000000000000002"), false, true, new Date(0), new Date(1000),
            new BsonTimestamp(5, 1));

    @BeforeAll
    static void start() {
        mongo = new InProcessMongo();
        keys = mongo.database("brackets").getCollection("keys");
        ORDERED.forEach(k -> keys.insertOne(new Document("_id", k)));
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void afterAnyKeyComeExactlyTheKeysThatSortAfterIt() {
        List<Object> all = ids(keys.find().sort(new Document("_id", 1)));
        assertThat(all).hasSize(ORDERED.size());
        for (int i = 0; i < all.size(); i++) {
            assertThat(ids(keys.find(KeyBrackets.after("_id", all.get(i))).sort(new Document("_id", 1))))
                    .as("after %s", all.get(i)).isEqualTo(all.subList(i + 1, all.size()));
        }
    }

    @Test
    void upToAnyKeyComeExactlyTheKeysThatSortUpToIt() {
        List<Object> all = ids(keys.find().sort(new Document("_id", 1)));
        for (int i = 0; i < all.size(); i++) {
            assertThat(ids(keys.find(KeyBrackets.upTo("_id", all.get(i))).sort(new Document("_id", 1))))
                    .as("up to %s", all.get(i)).isEqualTo(all.subList(0, i + 1));
        }
    }

    @Test
    void aKeyWithNoPlaceInTheOrderIsRefusedByName() {
        assertThatThrownBy(() -> KeyBrackets.bracketOf(new Code("function () {}")))
                .hasMessageContaining("A source key of type Code").hasMessageContaining("source filter");
    }

    private static List<Object> ids(Iterable<Document> docs) {
        List<Object> out = new ArrayList<>();
        docs.forEach(d -> out.add(d.get("_id")));
        return out;
    }
}
