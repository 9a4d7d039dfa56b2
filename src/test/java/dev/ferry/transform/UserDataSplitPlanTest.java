package dev.ferry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.CheckSpec;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** The shipped plan for runbook 000 maps a document shaped like /work/spec/userdata-shape.md into both targets. */
class UserDataSplitPlanTest {
    private static final Plan PLAN = PlanLoader.load(Path.of("plans/user-data-split.yaml"));
    private static final RecordMapper MAPPER = PlanMapper.compile(PLAN);

    private static final ObjectId ID = new ObjectId("65f0a1b2c3d4e5f601234567");
    private static final Date CREATED = new Date(1_700_000_000_000L);
    private static final Date UPDATED = new Date(1_700_100_000_000L);
    private static final Date STEP_AT = new Date(1_700_050_000_000L);

    private static Document userData() {
        return new Document("_id", ID)
                .append("user_id", "user_0042").append("filename", "sales_2024_q1.csv")
                .append("original_filename", "Sales 2024 Q1.csv")
                .append("s3_url", "s3://nm-datasets/user_0042/sales_2024_q1.csv")
                .append("file_path", "/data/uploads/user_0042/sales_2024_q1.csv")
                .append("file_type", null)
                .append("num_rows", 120).append("row_count", 118).append("num_columns", 2)
                .append("data_schema", new ArrayList<>(List.of(
                        new Document("name", "region").append("type", "string").append("nullable", false)
                                .append("sample_values", List.of("EU", "US")),
                        new Document("name", "amount").append("type", "float"))))
                .append("contains_pii", true)
                .append("pii_report", new Document("detected_types", List.of("email")).append("columns", List.of("c"))
                        .append("confidence", 0.93))
                .append("pii_risk_level", "high").append("pii_masked", false)
                .append("is_processed", true).append("processed_at", UPDATED)
                .append("schema", new Document("columns", List.of("region", "amount")))
                .append("statistics", new Document("amount", new Document("mean", 1.5)))
                .append("quality_report", new Document("score", 0.8).append("issues", List.of()))
                .append("data_preview", List.of(new Document("region", "EU").append("amount", 1.0)))
                .append("aiSummary", "Quarterly sales.")
                .append("onboarding_progress", new Document("step", 3).append("completed", false))
                .append("transformation_history", new ArrayList<>(List.of(
                        new Document("operation", "fill_na").append("parameters", new Document("value", 0))
                                .append("timestamp", STEP_AT).append("user", "user_0042"),
                        new Document("operation", "normalize").append("timestamp", "2023-11-15T12:00:00Z")
                                .append("user", "user_0042"))))
                .append("created_at", CREATED).append("updated_at", UPDATED);
    }

    @Test
    void coversEveryRowOfBothRunbookTables() {
        assertThat(PLAN.target("dataset_metadata").fields().keySet()).containsExactlyInAnyOrder("dataset_id",
                "user_id", "filename", "original_filename", "s3_url", "num_rows", "num_columns", "data_schema",
                "pii_report.contains_pii", "pii_report.detection_details", "pii_report.risk_level", "pii_report.masked",
                "is_processed", "processed_at", "inferred_schema", "statistics", "quality_report", "data_preview",
                "ai_summary", "file_type", "onboarding_progress", "created_at", "updated_at");
        assertThat(PLAN.target("transformation_configs").fields().keySet()).containsExactlyInAnyOrder("user_id",
                "dataset_id", "config_id", "transformation_steps", "current_file_path", "is_applied", "applied_at",
                "total_transformations", "created_at", "updated_at");
        assertThat(PLAN.guardrails()).isEqualTo(new Guardrails(0.01, 3.0, 50.0, 1000, Guardrails.BreachAction.PAUSE));
        assertThat(PLAN.validation()).extracting(CheckSpec::name)
                .containsExactly("count", "sample", "transformation-history", "checksum");
        assertThat(PLAN.batch().size()).isEqualTo(1000);
    }

    @Test
    void mapsAUserDataDocumentIntoBothTargets() {
        MappedRecord r = MAPPER.map(userData());
        assertThat(r.errors()).isEmpty();
        assertThat(r.sourceKey()).isEqualTo(ID);
        Document meta = r.targets().get("dataset_metadata");
        String datasetId = GenerateUuidTransform.uuidFor(ID.toHexString(), "dataset_id");
        assertThat(meta).isEqualTo(new Document("_id", ID).append("dataset_id", datasetId)
                .append("user_id", "user_0042").append("filename", "sales_2024_q1.csv")
                .append("original_filename", "Sales 2024 Q1.csv")
                .append("s3_url", "s3://nm-datasets/user_0042/sales_2024_q1.csv")
                .append("num_rows", 118).append("num_columns", 2)
                .append("data_schema", List.of(
                        new Document("name", "region").append("data_type", "string").append("nullable", false)
                                .append("sample_values", List.of("EU", "US")),
                        new Document("name", "amount").append("data_type", "float").append("nullable", true)
                                .append("sample_values", List.of())))
                .append("pii_report", new Document("contains_pii", true)
                        .append("detection_details", userData().get("pii_report"))
                        .append("risk_level", "high").append("masked", false))
                .append("is_processed", true).append("processed_at", UPDATED)
                .append("inferred_schema", userData().get("schema"))
                .append("statistics", userData().get("statistics"))
                .append("quality_report", userData().get("quality_report"))
                .append("data_preview", userData().get("data_preview"))
                .append("ai_summary", "Quarterly sales.").append("file_type", "csv")
                .append("onboarding_progress", userData().get("onboarding_progress"))
                .append("created_at", CREATED).append("updated_at", UPDATED));
        assertThat(meta.keySet()).first().isEqualTo("_id");

        Document config = r.targets().get("transformation_configs");
        assertThat(config).isEqualTo(new Document("_id", ID).append("user_id", "user_0042")
                .append("dataset_id", datasetId).append("config_id", datasetId + "_config")
                .append("transformation_steps", List.of(
                        new Document("order", 1).append("step_id", "step_1").append("operation", "fill_na")
                                .append("parameters", new Document("value", 0)).append("applied_at", STEP_AT)
                                .append("applied_by", "user_0042"),
                        new Document("order", 2).append("step_id", "step_2").append("operation", "normalize")
                                .append("parameters", new Document())
                                .append("applied_at", new Date(1_700_049_600_000L)).append("applied_by", "user_0042")))
                .append("current_file_path", "/data/uploads/user_0042/sales_2024_q1.csv")
                .append("is_applied", true).append("applied_at", UPDATED).append("total_transformations", 2)
                .append("created_at", CREATED).append("updated_at", UPDATED));
        assertThat(config.keySet()).first().isEqualTo("_id");
    }

    @Test
    void aMinimalDocumentKeepsItsLegacyIdAndLeavesOptionalFieldsOut() {
        Document minimal = new Document("_id", ID).append("id", "0f8fad5b-d9cb-469f-a165-70867728950e")
                .append("user_id", "user_0001").append("num_rows", 10).append("contains_pii", false)
                .append("transformation_history", new ArrayList<>()).append("created_at", CREATED)
                .append("updated_at", UPDATED);
        MappedRecord r = MAPPER.map(minimal);
        assertThat(r.errors()).isEmpty();
        Document meta = r.targets().get("dataset_metadata");
        assertThat(meta).containsEntry("dataset_id", "0f8fad5b-d9cb-469f-a165-70867728950e")
                .containsEntry("num_rows", 10).containsEntry("file_type", "csv")
                .containsEntry("pii_report", new Document("contains_pii", false))
                .doesNotContainKeys("ai_summary", "inferred_schema", "processed_at", "data_schema");
        Document config = r.targets().get("transformation_configs");
        assertThat(config).containsEntry("config_id", "0f8fad5b-d9cb-469f-a165-70867728950e_config")
                .containsEntry("is_applied", false).containsEntry("total_transformations", 0)
                .containsEntry("transformation_steps", List.of()).doesNotContainKeys("applied_at", "current_file_path");
    }

    @Test
    void anInvalidHistoryItemYieldsFieldErrorsAndAPartialDocument() {
        Document bad = userData();
        bad.getList("transformation_history", Document.class).add(new Document("timestamp", "yesterday").append("user", "u"));
        MappedRecord r = MAPPER.map(bad);
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).extracting(FieldError::target, FieldError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple("transformation_configs", "transformation_steps[2].operation"),
                org.assertj.core.groups.Tuple.tuple("transformation_configs", "transformation_steps[2].applied_at"));
        assertThat(r.errors().get(1).message()).contains("transformation_history[2].timestamp").contains("yesterday");
        Document config = r.targets().get("transformation_configs");
        assertThat(config.getList("transformation_steps", Document.class)).hasSize(3);
        assertThat(config).containsEntry("total_transformations", 3);
        assertThat(r.targets().get("dataset_metadata")).containsEntry("user_id", "user_0042");
    }

    @Test
    void mappingIsDeterministicAcrossThreads() throws Exception {
        Document expected = MAPPER.map(userData()).targets().get("transformation_configs");
        List<Thread> threads = new ArrayList<>();
        List<Document> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                for (int n = 0; n < 200; n++) {
                    results.add(MAPPER.map(userData()).targets().get("transformation_configs"));
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).hasSize(800).allSatisfy(d -> assertThat(d).isEqualTo(expected));
    }
}
