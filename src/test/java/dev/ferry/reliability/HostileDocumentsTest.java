package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.UserDataGenerator;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.testing.InProcessMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonUndefined;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile source documents through runbook 000's split: wrong types in every mapped field, unknown fields, deep
 * nesting, documents near the 16 MB limit, odd text, values that look like templates, expressions or SQL. Every one
 * ends in both targets or in quarantine with its reason; the run completes and the validation's checksum passes.
 */
class HostileDocumentsTest {

    private static final List<String> FIELDS = List.of("id", "user_id", "filename", "num_rows", "row_count",
            "num_columns", "data_schema", "contains_pii", "pii_report", "file_type", "transformation_history",
            "created_at", "updated_at", "data_preview", "onboarding_progress", "file_path");

    private InProcessMongo mongo;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void everyHostileDocumentIsMigratedOrQuarantinedWithItsReason() {
        List<Document> hostile = hostileDocuments();
        assertThat(hostile).hasSizeGreaterThanOrEqualTo(200);
        MongoDatabase db = mongo.database("hostile");
        for (Document d : hostile) {
            db.getCollection("user_data").insertOne(d);
        }
        Plan plan = PlanLoader.load(java.nio.file.Path.of("plans/user-data-split.yaml")).withBatchSize(50);
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("hostile")).withLeaseTtl(Duration.ofSeconds(2))) {
            RunReport report = assertTimeoutPreemptively(Duration.ofMinutes(3),
                    () -> ferry.run(plan, new RunControl(), e -> { }));
            assertThat(report.state()).as(report.message()).isEqualTo(RunState.COMPLETED);
            assertThat(report.processed()).isEqualTo(hostile.size());

            Set<Object> quarantined = new HashSet<>();
            for (Document q : db.getCollection("ferry_quarantine").find()) {
                assertThat(q.getString("reason")).isNotBlank();
                quarantined.add(q.get("key"));
            }
            assertThat(report.quarantined()).isEqualTo(quarantined.size());
            for (String target : List.of("dataset_metadata", "transformation_configs")) {
                Set<Object> written = new HashSet<>();
                db.getCollection(target).find().projection(new Document("_id", 1)).forEach(d -> written.add(d.get("_id")));
                assertThat(written).as(target).doesNotContainAnyElementsOf(quarantined);
                assertThat(written.size() + quarantined.size()).as(target).isEqualTo(hostile.size());
            }
            System.err.printf("hostile documents: %d, migrated %d, quarantined %d%n", hostile.size(),
                    hostile.size() - quarantined.size(), quarantined.size());
            dev.ferry.engine.ValidationReport validation = ferry.validate(plan);
            // count, sample and checksum: every migrated record is exactly its mapping. The runbook's predicate
            // (history not empty ⇒ total_transformations > 0) rightly fails on histories that are not arrays.
            assertThat(validation.checks()).filteredOn(c -> !c.method().equals("predicate"))
                    .extracting(c -> c.status().name()).as(validation.checks().toString()).containsOnly("PASSED");
        }
    }

    static List<Document> hostileDocuments() {
        UserDataGenerator generator = new UserDataGenerator(5);
        List<Object> wrong = List.of("text", 7, -1L, 3.5, true, List.of(1, "a"), new Document("a", 1),
                new Binary(new byte[] {1, 2}), new Decimal128(5), new ObjectId(), new MaxKey(), new BsonUndefined());
        List<Document> docs = new ArrayList<>();
        int i = 0;
        for (String field : FIELDS) {
            for (Object value : wrong) {
                docs.add(generator.document(i++).append(field, value));
            }
            docs.add(remove(generator.document(i++), field));
            docs.add(generator.document(i++).append(field, null));
        }
        docs.add(generator.document(i++).append("transformation_history", List.of("not a step")));
        docs.add(generator.document(i++).append("transformation_history",
                List.of(new Document("operation", "x").append("timestamp", "not a date"))));
        docs.add(generator.document(i++).append("transformation_history", List.of(new Document("timestamp", "2024"))));
        docs.add(generator.document(i++).append("data_schema", List.of(new Document("type", "string"))));
        Document deep = new Document("leaf", 1);
        for (int d = 0; d < 90; d++) {
            deep = new Document("k", deep);
        }
        docs.add(generator.document(i++).append("statistics", deep));
        Document unknown = generator.document(i++);
        for (int u = 0; u < 2_000; u++) {
            unknown.append("unknown_" + u, u);
        }
        docs.add(unknown);
        docs.add(generator.document(i++).append("data_preview", "x".repeat(15_000_000))); // near 16 MB
        docs.add(generator.document(i++).append("transformation_history", manySteps(200_000))); // target > 16 MB
        for (String text : List.of("\u0000nul", "\uD800 lone surrogate", "\u202Eright-to-left", "cafÃ© mojibake",
                "{dataset_id}", "{_id}_{user_id}", "${java.lang.Runtime}", "java.lang.Runtime.getRuntime().exec('x')",
                "'; DROP TABLE users; --", "{\"$gt\": \"\"}", "\uFFFD\uFFFE", "emoji 🚀", "x".repeat(100_000))) {
            docs.add(generator.document(i++).append("filename", text).append("user_id", text).append("id", text));
        }
        docs.add(generator.document(i++).append("a.b", 1).append("$weird", 2));
        return docs;
    }

    private static List<Document> manySteps(int n) {
        List<Document> steps = new ArrayList<>(n);
        java.util.Date at = new java.util.Date(1_700_000_000_000L);
        for (int s = 0; s < n; s++) {
            steps.add(new Document("operation", "o").append("timestamp", at));
        }
        return steps;
    }

    private static Document remove(Document d, String field) {
        d.remove(field);
        return d;
    }
}
