package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that wrote nothing (the plan run again over unchanged data) rolls back too, and never blocks the one before. */
class RollbackOfARunThatWroteNothingTest {

    @Test
    void aRerunThatChangedNothingIsRolledBackAndThenTheFirstRunIs(@TempDir Path dir) throws Exception {
        try (InProcessMongo mongo = new InProcessMongo(); MongoClient client = MongoClients.create(mongo.connectionString())) {
            String uri = mongo.uri("shop");
            MongoDatabase db = client.getDatabase("shop");
            List<Document> source = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                source.add(new Document("_id", i).append("name", "account " + i));
            }
            db.getCollection("accounts").insertMany(source);
            Path plan = Files.writeString(dir.resolve("copy.yaml"), """
                    name: accounts-copy
                    source: { collection: accounts, key: _id }
                    batch: { size: 10 }
                    targets:
                      - collection: accounts_copy
                        id: { from: _id }
                        fields:
                          name: { from: name }
                    """);
            String p = plan.toString();
            assertThat(CliHarness.run("run", "--uri", uri, "--plan", p).code()).isZero();
            CliHarness.Result again = CliHarness.run("run", "--uri", uri, "--plan", p);
            assertThat(again.code()).as(again.err()).isZero();

            CliHarness.Result first = CliHarness.run("rollback", "--uri", uri, "--plan", p, "--yes");
            assertThat(first.code()).as(first.out() + first.err()).isZero();
            assertThat(first.out() + first.err()).contains("left no documents to delete or restore");
            assertThat(db.getCollection("accounts_copy").countDocuments()).as("the first run's documents stay")
                    .isEqualTo(30);

            CliHarness.Result second = CliHarness.run("rollback", "--uri", uri, "--plan", p, "--yes");
            assertThat(second.code()).as(second.out() + second.err()).isZero();
            assertThat(db.getCollection("accounts_copy").countDocuments()).as("the first run undone").isZero();

            CliHarness.Result none = CliHarness.run("rollback", "--uri", uri, "--plan", p, "--yes");
            assertThat(none.code()).isNotZero();
            assertThat(none.err()).contains("rolled back already");
        }
    }
}
