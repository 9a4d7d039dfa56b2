package dev.ferry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.PlanLoader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class GenerateUuidTransformTest {
    private static final ObjectId KEY = new ObjectId("65f0a1b2c3d4e5f601234567");

    @Test
    void isTheNameUuidOfSourceKeyAndFieldPath() {
        Document t = TestPlans.target(new Document("_id", KEY), "dataset_id: { generate: uuid }");
        String expected = UUID.nameUUIDFromBytes(("ferry:65f0a1b2c3d4e5f601234567:dataset_id")
                .getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(t.get("dataset_id")).isEqualTo(expected);
    }

    @Test
    void isStableAcrossMappersAndDiffersByKeyAndField() {
        String[] rules = {"a: { generate: uuid }", "b: { generate: uuid }"};
        Document first = TestPlans.target(new Document("_id", KEY), rules);
        Document replay = TestPlans.mapper(rules).map(new Document("_id", KEY)).targets().get("t");
        Document other = TestPlans.target(new Document("_id", new ObjectId("65f0a1b2c3d4e5f601234568")), rules);
        assertThat(replay).isEqualTo(first);
        assertThat(first.get("a")).isNotEqualTo(first.get("b"));
        assertThat(other.get("a")).isNotEqualTo(first.get("a"));
    }

    @Test
    void twoTargetsGenerateTheSameDatasetId() {
        String plan = """
                name: p
                source: { collection: s }
                targets:
                  - { collection: a, id: { from: _id }, fields: { dataset_id: { coalesce: [id, { generate: uuid }] } } }
                  - { collection: b, id: { from: _id }, fields: { dataset_id: { coalesce: [id, { generate: uuid }] } } }
                """;
        MappedRecord r = PlanMapper.compile(PlanLoader.parse(plan, "p.yaml")).map(new Document("_id", KEY));
        assertThat(r.targets().get("a").getString("dataset_id")).hasSize(36)
                .isEqualTo(r.targets().get("b").getString("dataset_id"));
        MappedRecord withId = PlanMapper.compile(PlanLoader.parse(plan, "p.yaml"))
                .map(new Document("_id", KEY).append("id", "legacy"));
        assertThat(withId.targets().get("a").getString("dataset_id")).isEqualTo("legacy");
    }

    @Test
    void aRecordWithoutKeyCannotGetAStableUuid() {
        MappedRecord r = TestPlans.map(new Document("x", 1), "a: { generate: uuid }");
        assertThat(r.errors()).extracting(FieldError::field).containsExactly("_id", "a");
        assertThat(r.errors().get(1).message()).contains("no source key");
    }
}
