package dev.ferry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class EachTransformTest {

    private static final String[] RULES = {
        "steps:",
        "  each: history",
        "  fields:",
        "    order: { index: 1 }",
        "    step_id: { template: \"step_{order}\" }",
        "    operation: { from: operation, required: true }",
        "    at: { from: timestamp, convert: date, required: true }",
        "    position: { expr: \"index * 10\" }",
    };

    private static Document source(Object... items) {
        return new Document("_id", 1).append("history", new ArrayList<>(List.of(items)));
    }

    @Test
    void mapsEveryElementWithItsIndex() {
        Document t = TestPlans.target(source(
                new Document("operation", "drop").append("timestamp", new Date(1000)),
                new Document("operation", "fill").append("timestamp", "2024-03-01")), RULES);
        assertThat(t.getList("steps", Document.class)).containsExactly(
                new Document("order", 1).append("step_id", "step_1").append("operation", "drop")
                        .append("at", new Date(1000)).append("position", 0),
                new Document("order", 2).append("step_id", "step_2").append("operation", "fill")
                        .append("at", new Date(1709251200000L)).append("position", 10));
    }

    @Test
    void badElementsAreReportedAtTheirPathAndTheRestIsStillBuilt() {
        MappedRecord r = TestPlans.map(source(
                new Document("operation", "drop").append("timestamp", new Date(1000)),
                new Document("timestamp", "yesterday"),
                "not an object"), RULES);
        assertThat(r.errors()).extracting(FieldError::field).containsExactly(
                "steps[1].operation", "steps[1].at", "steps[2]");
        assertThat(r.errors().get(0).message()).isEqualTo(
                "required, but source field 'history[1].operation' is missing");
        assertThat(r.errors().get(1).message()).startsWith(
                "cannot convert source field 'history[1].timestamp' = \"yesterday\" (a string) to date");
        assertThat(r.errors().get(2).message()).isEqualTo(
                "source element 'history[2]' should be an object, got \"not an object\" (a string)"
                        + " (rules that read an element as a whole use value)");
        List<Document> steps = r.targets().get("t").getList("steps", Document.class);
        assertThat(steps).hasSize(2);
        assertThat(steps.get(1)).containsEntry("order", 2).doesNotContainKeys("operation", "at");
    }

    @Test
    void emptyMissingAndNonArraySources() {
        assertThat(TestPlans.target(source(), RULES).getList("steps", Document.class)).isEmpty();
        assertThat(TestPlans.target(new Document("_id", 1), RULES)).doesNotContainKey("steps");
        MappedRecord r = TestPlans.map(new Document("_id", 1).append("history", "x"), RULES);
        assertThat(r.errors()).singleElement().extracting(FieldError::message).isEqualTo(
                "source field 'history' should be an array, got \"x\" (a string)");
    }
}
