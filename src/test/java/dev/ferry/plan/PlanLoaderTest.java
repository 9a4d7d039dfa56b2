package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTest {

    private static final String YAML = """
            name: split
            source: { collection: user_data, key: _id, filter: { is_processed: true } }
            batch: { size: 500 }
            targets:
              - collection: meta
                id: { from: _id }
                fields:
                  num_rows: { coalesce: [row_count, num_rows] }
                  pii_report.contains_pii: { from: contains_pii }
                  file_type: { from: file_type, default: csv }
                  dataset_id: { coalesce: [id, { generate: uuid }] }
                  steps:
                    each: history
                    fields:
                      order: { index: 1 }
                      at: { from: timestamp, convert: date, required: true }
                  applied_at: { from: updated_at, when: "!empty(history)" }
            guardrails: { max_error_rate: 0.01, max_duration_factor: 3, min_throughput: 50, min_records: 1000, on_breach: halt }
            validation:
              - count: {}
              - sample: { size: 10 }
              - predicate: { name: hist, source: { h: { $ne: [] } }, target: meta, target_filter: { n: { $gt: 0 } } }
              - checksum:
            rollback: { strategy: undo-log, verify: false }
            """;

    private static final String JSON = """
            {
              "name": "split",
              "source": {"collection": "user_data"},
              "targets": [
                {"collection": "meta", "id": {"from": "_id"},
                 "fields": {"total": {"expr": "size(history)"}, "config_id": {"template": "{_id}_config"}}}
              ]
            }
            """;

    @Test
    void bindsEveryPartOfAYamlPlan() {
        Plan plan = PlanLoader.parse(YAML, "plans/split.yaml");
        assertThat(plan.name()).isEqualTo("split");
        assertThat(plan.file()).isEqualTo(Path.of("plans/split.yaml"));
        assertThat(plan.source()).isEqualTo(new SourceSpec("user_data", new Document("is_processed", true), "_id"));
        assertThat(plan.batch().size()).isEqualTo(500);
        TargetSpec meta = plan.target("meta");
        assertThat(meta.id()).isEqualTo(FieldRule.from("_id"));
        assertThat(meta.fields().keySet()).containsExactly("num_rows", "pii_report.contains_pii", "file_type",
                "dataset_id", "steps", "applied_at");
        assertThat(meta.fields().get("num_rows")).isEqualTo(new FieldRule.Coalesce(
                List.of(FieldRule.from("row_count"), FieldRule.from("num_rows")), RuleOptions.NONE));
        assertThat(meta.fields().get("file_type")).isEqualTo(new FieldRule.From("file_type", RuleOptions.NONE.withDefault("csv")));
        assertThat(meta.fields().get("dataset_id")).isEqualTo(new FieldRule.Coalesce(
                List.of(FieldRule.from("id"), new FieldRule.Generate("uuid", RuleOptions.NONE)), RuleOptions.NONE));
        FieldRule.Each steps = (FieldRule.Each) meta.fields().get("steps");
        assertThat(steps.path()).isEqualTo("history");
        assertThat(steps.fields().get("order")).isEqualTo(new FieldRule.Index(1, RuleOptions.NONE));
        assertThat(steps.fields().get("at").options()).isEqualTo(
                RuleOptions.NONE.withConvert(ConvertType.DATE).withRequired(true));
        assertThat(meta.fields().get("applied_at").options().when()).isEqualTo("!empty(history)");
        assertThat(plan.guardrails()).isEqualTo(new Guardrails(0.01, 3.0, 50.0, 1000, Guardrails.BreachAction.HALT));
        assertThat(plan.validation()).containsExactly(
                new CheckSpec.Count("count"), new CheckSpec.Sample("sample", 10),
                new CheckSpec.Predicate("hist", new Document("h", new Document("$ne", List.of())), "meta",
                        new Document("n", new Document("$gt", 0))),
                new CheckSpec.Checksum("checksum"));
        assertThat(plan.rollback()).isEqualTo(new RollbackSpec("undo-log", false));
    }

    @Test
    void jsonPlanWithDefaults() {
        Plan plan = PlanLoader.parse(JSON, "split.json");
        assertThat(plan.batch().size()).isEqualTo(BatchSpec.DEFAULT_SIZE);
        assertThat(plan.source().key()).isEqualTo("_id");
        assertThat(plan.source().filter()).isEmpty();
        assertThat(plan.guardrails()).as("no guardrails: Ferry's default error rate").isEqualTo(Guardrails.defaults());
        assertThat(plan.rollback()).isEqualTo(RollbackSpec.defaults());
        assertThat(plan.validation()).containsExactly(new CheckSpec.Count("count"), new CheckSpec.Sample("sample", 1000),
                new CheckSpec.Checksum("checksum"));
        assertThat(plan.target("meta").fields().get("total")).isEqualTo(new FieldRule.Expr("size(history)", RuleOptions.NONE));
    }

    @Test
    void jsonErrorsAreLocatedToo() {
        String bad = JSON.replace("\"expr\": \"size(history)\"", "\"exp\": \"size(history)\"");
        PlanException e = org.assertj.core.api.Assertions.catchThrowableOfType(PlanException.class,
                () -> PlanLoader.parse(bad, "split.json"));
        assertThat(e.getMessage()).isEqualTo(
                "split.json:6:27: targets[0].fields.total: unknown transform 'exp' (did you mean 'expr'?)");
    }

    @Test
    void hashIsTheFirst16HexOfTheFileSha256(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yml");
        Files.writeString(file, YAML);
        Plan plan = PlanLoader.load(file);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(YAML.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        assertThat(plan.hash()).isEqualTo(expected).hasSize(16);
        assertThat(PlanLoader.parse(YAML + "# changed\n", "p.yaml").hash()).isNotEqualTo(expected);
    }

    @Test
    void unreadableFileIsAPlanError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        PlanException e = org.assertj.core.api.Assertions.catchThrowableOfType(PlanException.class,
                () -> PlanLoader.load(missing));
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).startsWith(missing + ":1:1: cannot read the plan file");
    }
}
