package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.ferry.FerryException;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class DemoDatabaseTest {

    @Test
    void startsSeedsAndShutsDown() {
        String uri;
        try (DemoDatabase demo = DemoDatabase.start(0)) {
            uri = demo.connectionString();
            assertThat(uri).matches("mongodb://127\\.0\\.0\\.1:\\d+/narrative_modeling");
            assertThat(demo.port()).isPositive();
            demo.seed(2_000, 7);
            try (MongoClient client = MongoClients.create(uri)) {
                MongoCollection<Document> userData = client.getDatabase("narrative_modeling").getCollection("user_data");
                assertThat(userData.countDocuments()).isEqualTo(2_000);
                Document first = userData.find().batchSize(10).first();
                assertThat(first).isEqualTo(new UserDataGenerator(7).document(0));
                demo.seed(200, 7); // drops first: seeding again replaces, never adds
                assertThat(userData.countDocuments()).isEqualTo(200);
            }
        }
        // the port is free again once closed
        int port = Integer.parseInt(uri.replaceAll(".*:(\\d+)/.*", "$1"));
        try (DemoDatabase again = DemoDatabase.start(port)) {
            assertThat(again.port()).isEqualTo(port);
        }
    }

    @Test
    void aBusyPortIsAOneLineError() {
        try (DemoDatabase demo = DemoDatabase.start(0)) {
            assertThatThrownBy(() -> DemoDatabase.start(demo.port()))
                    .isInstanceOf(FerryException.class)
                    .hasMessageContaining(String.valueOf(demo.port()))
                    .hasMessageContaining("--port");
        }
    }
}
