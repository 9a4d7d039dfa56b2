package dev.ferry.engine.assess;

import dev.ferry.engine.AssessReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ferry.demo.DemoDatabase;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoAssessmentTest {

    private static DemoDatabase demo;
    private static MongoStore store;
    private static AssessReport report;

    @BeforeAll
    static void assessSeededDemo() {
        demo = DemoDatabase.start(0);
        demo.seed(1_000, 42);
        store = MongoStore.connect(demo.connectionString());
        store.collection(MongoJournal.RUNS).insertOne(new Document("plan", "x"));
        store.collection("mixed").insertMany(List.of(
                new Document("v", 1).append("u", UUID.fromString("0d5a4ac5-5c6a-4b1e-9e0e-4f1a6a0b7c3d"))
                        .append("nested", new Document("u", UUID.randomUUID())),
                new Document("v", "one").append("tags", List.of("a", "b")),
                new Document("v", null).append("tags", List.of())));
        report = new MongoAssessment(store).assess(1_000);
    }

    @AfterAll
    static void stop() {
        store.close();
        demo.close();
    }

    @Test
    void countsAndSizesOfUserData() {
        AssessReport.CollectionStats userData = collection("user_data");
        assertThat(report.database()).isEqualTo("narrative_modeling");
        assertThat(userData.count()).isEqualTo(1_000);
        assertThat(userData.sampled()).isEqualTo(1_000);
        assertThat(userData.avgSize()).isBetween(1_000.0, 3_000.0);
        assertThat(userData.maxSize()).isGreaterThan((long) userData.avgSize());
        assertThat(userData.dataSize()).isCloseTo(Math.round(1_000 * userData.avgSize()), within(1L));
        assertThat(userData.indexCount()).isEqualTo(1);
    }

    @Test
    void fieldInventoryOfUserData() {
        AssessReport.CollectionStats userData = collection("user_data");
        AssessReport.FieldStats rowCount = field(userData, "row_count");
        assertThat(rowCount.presence()).isBetween(11.0, 19.0);
        assertThat(rowCount.types()).containsOnlyKeys("int");

        AssessReport.FieldStats history = field(userData, "transformation_history");
        assertThat(history.presence()).isEqualTo(100.0);
        assertThat(history.types()).isEqualTo(Map.of("array", 1_000L));

        assertThat(field(userData, "_id").types()).containsOnlyKeys("objectId");
        assertThat(field(userData, "created_at").types()).containsOnlyKeys("date");
        assertThat(field(userData, "file_type").types()).containsOnlyKeys("string", "null");
        assertThat(field(userData, "pii_report.confidence").types()).containsOnlyKeys("double");
        assertThat(field(userData, "data_schema[].name").presence()).isEqualTo(100.0);
        // the rare bad history items show as mixed types
        assertThat(field(userData, "transformation_history[].timestamp").types()).containsKey("date");
    }

    @Test
    void typesArrayElementsAndUuids() {
        AssessReport.CollectionStats mixed = collection("mixed");
        assertThat(field(mixed, "v").types()).isEqualTo(Map.of("int", 1L, "string", 1L, "null", 1L));
        assertThat(field(mixed, "v").mixedTypes()).isTrue();
        assertThat(field(mixed, "u").types()).isEqualTo(Map.of("binData(uuid)", 1L));
        assertThat(field(mixed, "nested.u").types()).isEqualTo(Map.of("binData(uuid)", 1L));
        assertThat(field(mixed, "tags").present()).isEqualTo(2);
        assertThat(field(mixed, "tags[]").types()).isEqualTo(Map.of("string", 1L));
    }

    @Test
    void journalCollectionsAreSkippedAndNamed() {
        assertThat(report.collections()).extracting(AssessReport.CollectionStats::name)
                .containsExactly("mixed", "user_data");
        assertThat(report.skipped()).containsExactly(MongoJournal.RUNS);
    }

    private static AssessReport.CollectionStats collection(String name) {
        return report.collections().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static AssessReport.FieldStats field(AssessReport.CollectionStats c, String path) {
        return c.fields().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + path + " in " + c.name()));
    }
}
