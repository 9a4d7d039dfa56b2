package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.ListingsGenerator;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.testing.InProcessMongo;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MongoDB → MongoDB: listings' reviews unwound into a collection of their own (one document per review, keyed by the
 * listing and the position), and authors embedding their books from another collection by key. A stopped run
 * resumes to the same documents, validation covers what was fanned out and embedded, a listing whose review fails is
 * quarantined whole, and rollback gives back what was there.
 */
class MongoEmbedAndFanOutTest {

    private InProcessMongo mongo;
    private MongoDatabase db;
    private SplitEngine ferry;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
        db = mongo.database("app");
        db.getCollection("listings").insertMany(new ListingsGenerator(7).documents(0, 150));
        // one listing's review has no reviewer: the whole listing is quarantined, none of its reviews written
        db.getCollection("listings").updateOne(new Document("_id", "10000074"),
                new Document("$set", new Document("reviews.1.reviewer_name", null)));
        ferry = SplitEngine.connect(mongo.uri("app"));
    }

    @AfterEach
    void stop() {
        ferry.close();
        mongo.close();
    }

    private static final String REVIEWS = """
            name: listing-reviews
            source: { collection: listings, key: _id }
            batch: { size: 20 }
            guardrails: { max_error_rate: 0.1 }
            targets:
              - collection: listing_names
                id: { from: _id }
                fields: { name: { from: name } }
              - collection: reviews
                each: reviews
                parent: listing_names
                key: [listing_id, position]
                fields:
                  review_id: { from: _id }
                  reviewer: { from: reviewer_name, required: true }
                  rating: { from: rating }
                  date: { from: date }
                  comments: { from: comments }
            """;

    @Test
    void reviewsUnwoundIntoACollectionResumeValidateAndRollBack() {
        Plan plan = PlanLoader.parse(REVIEWS, "listing-reviews.yaml");
        db.getCollection("reviews").insertOne(new Document("_id", "kept from before").append("rating", 1));
        long before = DocumentChecksum.of(db.getCollection("reviews").find().first());
        RunControl control = new RunControl();
        RunReport stopped = ferry.run(plan, control, e -> {
            if (e instanceof RunEvent.BatchDone done && done.batch() == 3) {
                control.cancel("test");
            }
        });
        assertThat(stopped.state()).isEqualTo(RunState.CANCELLED);
        RunReport run = ferry.run(plan, new RunControl(), e -> { });
        assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
        assertThat(run.quarantined()).isEqualTo(1);

        long expected = 0;
        for (Document l : db.getCollection("listings").find()) {
            if (!l.get("_id").equals("10000074")) {
                expected += l.getList("reviews", Document.class).size();
            }
        }
        MongoCollection<Document> reviews = db.getCollection("reviews");
        assertThat(reviews.countDocuments()).isEqualTo(expected + 1);
        assertThat(reviews.countDocuments(new Document("listing_id", "10000074"))).isZero();
        Document second = reviews.find(new Document("_id", new Document("listing_id", "10000037").append("position",
                1))).first();
        Document source = db.getCollection("listings").find(new Document("_id", "10000037")).first()
                .getList("reviews", Document.class).get(1);
        assertThat(second.getString("review_id")).isEqualTo(source.getString("_id"));
        assertThat(second.getDate("date")).isEqualTo(source.getDate("date"));

        ValidationReport report = ferry.validate(plan);
        assertThat(report.checks()).extracting(CheckResult::status).as(report.toString())
                .containsOnly(CheckResult.CheckStatus.FAILED, CheckResult.CheckStatus.PASSED);
        CheckResult count = report.checks().stream().filter(c -> c.method().equals("count")).findFirst().orElseThrow();
        assertThat(count.summary()).as("the document from before the run is one more than the reviews")
                .contains(String.format("≠ reviews %,d (expected %,d)", expected + 1, expected));
        assertThat(report.checks().stream().filter(c -> !c.method().equals("count")))
                .allSatisfy(c -> assertThat(c.status()).as(c.summary()).isEqualTo(CheckResult.CheckStatus.PASSED));

        reviews.updateOne(new Document("_id", new Document("listing_id", "10000037").append("position", 1)),
                new Document("$set", new Document("rating", 0)));
        CheckResult checksum = ferry.validate(plan).checks().stream().filter(c -> c.method().equals("checksum"))
                .findFirst().orElseThrow();
        assertThat(checksum.failingKeys()).containsExactly("10000037");
        assertThat(String.join("\n", checksum.evidence())).contains("rating: expected int", "stored int 0");
        reviews.updateOne(new Document("_id", new Document("listing_id", "10000037").append("position", 1)),
                new Document("$set", new Document("rating", source.getInteger("rating"))));

        RollbackReport rollback = ferry.rollback(plan, null, e -> { });
        assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
        assertThat(reviews.countDocuments()).isEqualTo(1);
        assertThat(DocumentChecksum.of(reviews.find().first())).isEqualTo(before);
    }

    @Test
    void authorsEmbedTheirBooksFromAnotherCollectionByKey() {
        List<Document> authors = new ArrayList<>();
        List<Document> books = new ArrayList<>();
        for (int a = 0; a < 40; a++) {
            Object id = a % 4 == 0 ? "legacy-" + a : new ObjectId(String.format("65a0000000000000000000%02x", a));
            authors.add(new Document("_id", id).append("name", "Author " + a));
            for (int b = 0; b < a % 5; b++) {
                books.add(new Document("_id", a * 100 + b).append("author", id).append("title", "Book " + b)
                        .append("year", 2020 - b));
            }
        }
        db.getCollection("authors").insertMany(authors);
        db.getCollection("books").insertMany(books);
        Plan plan = PlanLoader.parse("""
                name: authors-with-books
                source: { collection: authors, key: _id }
                batch: { size: 7 }
                targets:
                  - collection: authors_read
                    id: { from: _id }
                    fields:
                      name: { from: name }
                      books:
                        embed: books
                        match: { author: _id }
                        order_by: year desc
                        fields: { title: { from: title }, year: { from: year } }
                      latest: { embed: books, match: { author: _id }, order_by: [year desc], when: "false" }
                """, "authors.yaml");
        RunReport run = ferry.run(plan, new RunControl(), e -> { });
        assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
        Document four = db.getCollection("authors_read").find(new Document("_id", "legacy-4")).first();
        assertThat(four.getList("books", Document.class)).extracting(b -> b.getInteger("year"))
                .containsExactly(2020, 2019, 2018, 2017);
        Document five = db.getCollection("authors_read").find(new Document("_id", "legacy-20")).first();
        assertThat(five.getList("books", Document.class)).isEmpty();
        assertThat(ferry.validate(plan).checks()).extracting(CheckResult::status)
                .containsOnly(CheckResult.CheckStatus.PASSED);
    }
}
