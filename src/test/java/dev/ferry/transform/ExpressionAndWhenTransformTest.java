package dev.ferry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ExpressionAndWhenTransformTest {

    private static Document history(int n) {
        List<Document> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new Document("operation", "op" + i));
        }
        return new Document("_id", 1).append("transformation_history", items).append("updated_at", "u")
                .append("rows", 10).append("cols", 4);
    }

    private static final String[] RULES = {
        "total: { expr: \"size(transformation_history)\" }",
        "is_applied: { expr: \"!empty(transformation_history)\" }",
        "applied_at: { from: updated_at, when: \"!empty(transformation_history)\" }",
        "cells: { expr: \"rows * cols\" }",
    };

    @Test
    void computesValuesAndAppliesConditions() {
        Document with = TestPlans.target(history(3), RULES);
        assertThat(with).containsEntry("total", 3).containsEntry("is_applied", true)
                .containsEntry("applied_at", "u").containsEntry("cells", 40);
        Document without = TestPlans.target(history(0), RULES);
        assertThat(without).containsEntry("total", 0).containsEntry("is_applied", false).doesNotContainKey("applied_at");
    }

    @Test
    void aFalseConditionSkipsTheRuleEntirely() {
        // Were the required rule evaluated, the missing field would be an error.
        MappedRecord r = TestPlans.map(new Document("_id", 1), "x: { from: nope, required: true, when: \"false\" }");
        assertThat(r.errors()).isEmpty();
        assertThat(r.targets().get("t")).doesNotContainKey("x");
    }

    @Test
    void aNonBooleanConditionIsAnError() {
        MappedRecord r = TestPlans.map(new Document("_id", 1).append("n", 3), "x: { from: n, when: \"n\" }");
        assertThat(r.errors()).singleElement().extracting(FieldError::message).asString()
                .contains("condition 'n' should be true or false, got 3 (a number)");
    }

    @Test
    void aFailingExpressionIsAFieldErrorNotAnException() {
        MappedRecord r = TestPlans.map(new Document("_id", 1).append("s", "text"),
                "x: { expr: \"s.bytes\" }", "y: { value: 1 }");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("x");
            assertThat(e.message()).startsWith("expression 's.bytes' failed:");
        });
        assertThat(r.targets().get("t")).containsEntry("y", 1);
    }
}
