package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of plan fault is reported with its file, line, column and plan path. */
class PlanErrorsTest {

    /** A valid plan whose line 7 (a field rule) each test replaces. */
    private static String planWithField(String line7) {
        return """
                name: t
                source: { collection: src }
                targets:
                  - collection: out
                    id: { from: _id }
                    fields:
                """ + line7 + "\n";
    }

    private static List<PlanError> errors(String text, String fileName) {
        PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.parse(text, fileName));
        assertThat(e).as("expected a PlanException").isNotNull();
        assertThat(e.exitCode()).isEqualTo(2);
        return e.errors();
    }

    private static List<String> rendered(String text) {
        return errors(text, "t.yaml").stream().map(PlanError::render).toList();
    }

    @Test
    void unknownTransformWithHint() {
        assertThat(rendered(planWithField("      a: { coalese: [x, y] }")))
                .containsExactly("t.yaml:7:12: targets[0].fields.a: unknown transform 'coalese' (did you mean 'coalesce'?)");
    }

    @Test
    void aTargetMayBeNeitherTheJournalNorTheSource() {
        assertThat(rendered(planWithField("      a: { from: a }").replace("- collection: out", "- collection: ferry_runs")))
                .anySatisfy(e -> assertThat(e).contains("'ferry_runs' is a name Ferry keeps for its journal"));
        assertThat(rendered(planWithField("      a: { from: a }").replace("- collection: out", "- collection: src")))
                .anySatisfy(e -> assertThat(e).contains("target 'src' is the plan's source"));
    }

    @Test
    void yamlSyntaxError() {
        List<PlanError> errors = errors(planWithField("      a: { from: a }\n      b: { from: b } junk"), "t.yaml");
        assertThat(errors).extracting(PlanError::render).containsExactly("t.yaml:8:22: syntax error: "
                + "expected <block end>, but found '<scalar>' (while parsing a block mapping)");
    }

    @Test
    void jsonSyntaxError() {
        List<PlanError> errors = errors("{\n  \"name\": \"t\",\n  \"source\": {\"collection\" \"src\"}\n}", "t.json");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).render()).startsWith("t.json:3:27: syntax error: Unexpected character");
    }

    @Test
    void unknownKeyWithHint() {
        String text = planWithField("      a: { from: a }").replace("source: { collection: src }",
                "source: { collection: src, fitler: {} }");
        assertThat(rendered(text)).containsExactly("t.yaml:2:28: source.fitler: unknown key 'fitler' (did you mean 'filter'?)");
    }

    @Test
    void wrongTypes() {
        String text = planWithField("      a: { from: a, required: yes please }") + "batch: { size: big }\n";
        assertThat(rendered(text)).containsExactly(
                "t.yaml:7:31: targets[0].fields.a: required: expected a boolean, got a string",
                "t.yaml:8:16: batch.size: expected a number, got a string");
    }

    @Test
    void missingRequiredKeys() {
        String text = """
                name: t
                targets:
                  - collection: out
                    fields: {}
                """;
        assertThat(rendered(text)).containsExactly(
                "t.yaml:1:1: missing required key 'source'",
                "t.yaml:3:5: targets[0]: missing required key 'id'");
    }

    @Test
    void badExpressionAndRefusedConstructs() {
        String text = planWithField("      a: { expr: \"size(h\" }\n"
                + "      b: { expr: \"x = 1\" }\n"
                + "      c: { from: c, when: \"''.getClass()\" }");
        List<PlanError> errors = errors(text, "t.yaml");
        assertThat(errors).extracting(PlanError::line, PlanError::column, PlanError::path).containsExactly(
                // inside the quoted expressions: the end of "size(h", the x of "x = 1", the dot of ''.getClass()
                org.assertj.core.groups.Tuple.tuple(7, 24, "targets[0].fields.a"),
                org.assertj.core.groups.Tuple.tuple(8, 19, "targets[0].fields.b"),
                org.assertj.core.groups.Tuple.tuple(9, 30, "targets[0].fields.c"));
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).startsWith("bad expression '"));
        assertThat(errors.get(1).message()).contains("not allowed in plan expressions");
        assertThat(errors.get(2).message()).contains("method calls are not allowed in plan expressions");
    }

    @Test
    void duplicateTargetField() {
        String text = planWithField("      a: { from: a }\n      a: { from: b }");
        assertThat(rendered(text)).containsExactly(
                "t.yaml:8:7: targets[0].fields.a: duplicate key 'a' (first given at line 7)");
    }

    @Test
    void parentChildConflict() {
        String text = planWithField("      pii_report: { from: pii_report }\n      pii_report.contains_pii: { from: contains_pii }");
        List<PlanError> errors = errors(text, "t.yaml");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).render()).startsWith(
                "t.yaml:8:7: targets[0].fields.pii_report.contains_pii: 'pii_report.contains_pii' conflicts with 'pii_report' (line 7)");
    }

    @Test
    void selfReferringTemplate() {
        assertThat(rendered(planWithField("      config_id: { template: \"{config_id}_x\" }")))
                .containsExactly("t.yaml:7:7: targets[0].fields.config_id: template refers to itself ({config_id})");
    }

    @Test
    void templateCycle() {
        String text = planWithField("      a: { template: \"{b}\" }\n      b: { template: \"{c}-\" }\n      c: { template: \"{a}\" }");
        assertThat(rendered(text)).containsExactly("t.yaml:7:7: targets[0].fields.a: templates form a cycle: a → b → c → a");
    }

    @Test
    void templatePlaceholderNamingNoField() {
        String text = planWithField("      dataset_id: { from: id }\n      config_id: { template: \"{dataset_ld}_config\" }");
        assertThat(rendered(text)).containsExactly("t.yaml:8:7: targets[0].fields.config_id: template placeholder "
                + "{dataset_ld} names no field of this target (did you mean 'dataset_id'?)");
    }

    @Test
    void unknownConvertTypeBatchSizeAndOnBreach() {
        String text = planWithField("      a: { from: a, convert: dat }")
                + "batch: { size: 0 }\nguardrails: { on_breach: pasue }\n";
        assertThat(rendered(text)).containsExactly(
                "t.yaml:7:30: targets[0].fields.a: unknown convert type 'dat' (did you mean 'date'?); "
                        + "one of uuid, string, date, number, int, long, double, decimal, boolean",
                "t.yaml:8:16: batch.size: batch size must be at least 1, got 0",
                "t.yaml:9:26: guardrails.on_breach: unknown on_breach 'pasue' (did you mean 'pause'?); one of pause, halt, rollback");
    }

    @Test
    void collectsErrorsFromAllTargetsAndRendersOneLineEach() {
        String text = """
                name: t
                source: { collection: src }
                targets:
                  - collection: a
                    id: { from: _id }
                    fields: { x: { copy: x } }
                  - collection: b
                    id: { generate: guid }
                    fields: { y: { from: y, default: 1, required: true, index: 0 } }
                """;
        PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.parse(text, "plans/t.yaml"));
        assertThat(e.errors()).hasSize(3);
        assertThat(e.getMessage().lines()).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("plans/t.yaml:"));
        assertThat(e.getMessage()).contains("targets[1].id: unknown generator 'guid' (did you mean 'uuid'?)")
                .contains("targets[0].fields.x: unknown transform 'copy'")
                .contains("targets[1].fields.y: a rule has one transform, found 'from' and 'index'");
    }

    @Test
    void indexOutsideEachAndUnknownPredicateTarget() {
        String text = planWithField("      a: { index: 1 }") + """
                validation:
                  - predicate: { source: {}, target: outt, target_filter: {} }
                  - counts: {}
                """;
        assertThat(rendered(text)).containsExactly(
                "t.yaml:7:19: targets[0].fields.a: index is only available inside each (it is the element's position)",
                "t.yaml:9:38: validation[0].predicate.target: no target 'outt' in this plan (did you mean 'out'?)",
                "t.yaml:10:5: validation[1]: unknown check 'counts' (did you mean 'count'?)");
    }
}
