package dev.ferry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class DefaultAndCoalesceTransformTest {

    @Test
    void defaultReplacesNullAndMissingButNotValues() {
        String rule = "file_type: { from: file_type, default: csv }";
        assertThat(TestPlans.target(new Document("_id", 1).append("file_type", null), rule)).containsEntry("file_type", "csv");
        assertThat(TestPlans.target(new Document("_id", 1), rule)).containsEntry("file_type", "csv");
        assertThat(TestPlans.target(new Document("_id", 1).append("file_type", "xlsx"), rule)).containsEntry("file_type", "xlsx");
    }

    @Test
    void structuredDefaultsAreFreshPerRecord() {
        RecordMapper mapper = TestPlans.mapper("values: { from: v, default: [] }", "params: { from: p, default: {} }");
        Document first = mapper.map(new Document("_id", 1)).targets().get("t");
        first.getList("values", Object.class).add("x");
        Document second = mapper.map(new Document("_id", 2)).targets().get("t");
        assertThat(second.getList("values", Object.class)).isEmpty();
        assertThat(second.get("params")).isEqualTo(new Document());
    }

    @Test
    void coalesceTakesTheFirstNonNull() {
        String rule = "num_rows: { coalesce: [row_count, num_rows] }";
        assertThat(TestPlans.target(new Document("_id", 1).append("row_count", 5).append("num_rows", 9), rule))
                .containsEntry("num_rows", 5);
        assertThat(TestPlans.target(new Document("_id", 1).append("row_count", null).append("num_rows", 9), rule))
                .containsEntry("num_rows", 9);
        assertThat(TestPlans.target(new Document("_id", 1).append("num_rows", 9), rule)).containsEntry("num_rows", 9);
        assertThat(TestPlans.target(new Document("_id", 1).append("row_count", null), rule)).containsEntry("num_rows", null);
        assertThat(TestPlans.target(new Document("_id", 1), rule)).doesNotContainKey("num_rows");
    }

    @Test
    void coalesceAcceptsNestedRules() {
        String rule = "label: { coalesce: [name, { expr: \"num > 0 ? 'n' + num : null\" }, { value: unknown }] }";
        assertThat(TestPlans.target(new Document("_id", 1).append("num", 3), rule)).containsEntry("label", "n3");
        assertThat(TestPlans.target(new Document("_id", 1).append("name", "a"), rule)).containsEntry("label", "a");
        assertThat(TestPlans.target(new Document("_id", 1).append("num", null), rule)).containsEntry("label", "unknown");
    }

    @Test
    void constantValues() {
        Document t = TestPlans.target(new Document("_id", 1), "version: { value: 2 }", "tags: { value: [a, b] }",
                "nothing: { value: null }");
        assertThat(t).containsEntry("version", 2).containsEntry("tags", List.of("a", "b")).containsEntry("nothing", null);
    }
}
