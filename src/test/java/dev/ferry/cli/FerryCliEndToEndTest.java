package dev.ferry.cli;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.DemoDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as an operator or a script uses it, through {@link FerryCli#execute(Terminal, String...)} against the
 * in-process demo server seeded with runbook 000's user_data, and the shipped split plan.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FerryCliEndToEndTest {

    private static final String PLAN = "plans/user-data-split.yaml";
    private static final String PLAN_NAME = "split-user-data";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // stdout must be one JSON value and nothing else

    private static DemoDatabase demo;
    private static MongoClient client;
    private static MongoDatabase db;

    @BeforeAll
    static void startDemo() {
        demo = DemoDatabase.start(0);
        demo.seed(2_000, 42);
        client = MongoClients.create(demo.connectionString());
        db = client.getDatabase(DemoDatabase.DATABASE);
    }

    @AfterAll
    static void stopDemo() {
        client.close();
        demo.close();
    }

    @Test
    @Order(1)
    void planLintAcceptsTheShippedPlan() throws IOException {
        CliHarness.Result r = CliHarness.run("plan", "lint", "--plan", PLAN);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("OK: split-user-data, 2 targets, ");

        CliHarness.Result json = CliHarness.run("plan", "lint", "--plan", PLAN, "--json");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(JSON.readTree(json.out()).get("ok").asBoolean()).isTrue();
    }

    @Test
    @Order(1)
    void aMalformedPlanIsExitTwoWithFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad-plan.yaml"), """
                name: t
                source: { collection: user_data }
                targets:
                  - collection: out
                    id: { from: _id }
                    fields:
                      a: { coalese: [x, y] }
                """);
        CliHarness.Result r = CliHarness.run("plan", "lint", "--plan", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad-plan.yaml:7:12: targets[0].fields.a: unknown transform 'coalese'");
        assertThat(r.out()).isEmpty();

        CliHarness.Result json = CliHarness.run("plan", "lint", "--plan", bad.toString(), "--json");
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.out()).as("no half result on stdout").isEmpty();
    }

    @Test
    @Order(1)
    void versionPrintsAndExitsZero() {
        CliHarness.Result r = CliHarness.run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Ferry ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    @Order(1)
    void anUnreachableDatabaseIsOneLineExitThreeWithoutThePassword() {
        CliHarness.Result r = CliHarness.run("run", "--uri", "mongodb://alice:s3cret@127.0.0.1:1/db", "--plan", PLAN);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).startsWith("ferry: ").doesNotContain("\n");
        assertThat(r.out() + r.err()).doesNotContain("s3cret").doesNotContain("\tat ");
    }

    @Test
    @Order(2)
    void dryRunRunValidateCorruptValidateAndRollBack() throws IOException {
        String uri = demo.connectionString();
        MongoCollection<Document> metadata = db.getCollection("dataset_metadata");
        MongoCollection<Document> configs = db.getCollection("transformation_configs");

        CliHarness.Result dry = CliHarness.run("dry-run", "--uri", uri, "--plan", PLAN);
        assertThat(dry.code()).as("the demo's invalid records would be quarantined: not fully good").isEqualTo(1);
        assertThat(dry.out()).contains("Dry run of split-user-data: mapping 2,000 source records, writing nothing")
                .contains("Batch 1/2: checked 1,000 docs").doesNotContain("migrated")
                .contains("⚠ Would migrate ").doesNotContain("✓ Would migrate")
                .contains("ℹ Guardrails: max error rate 1 %").contains("bookkeeping ").containsPattern("2 batches × [0-9.]+ ms\\)");
        assertThat(dry.out().lines().filter(l -> l.startsWith("Batch "))).as("progress in human durations")
                .noneMatch(l -> l.contains(" ms"));
        assertThat(metadata.countDocuments()).as("a dry run writes nothing").isZero();

        CliHarness.Result run = CliHarness.run("run", "--uri", uri, "--plan", PLAN, "--json");
        JsonNode report = JSON.readTree(run.out());
        String runId = report.get("runId").asText();
        long quarantined = report.get("quarantined").asLong();
        assertThat(quarantined).as("the demo holds invalid records").isPositive();
        assertThat(run.code()).as("completed with records in quarantine: " + run.err()).isEqualTo(1);
        assertThat(report.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(report.get("processed").asLong()).isEqualTo(2_000);
        assertThat(report.get("written").get("dataset_metadata").asLong()).isEqualTo(2_000 - quarantined);
        assertThat(run.err()).as("progress goes to stderr under --json").contains("Batch 2/2: migrated");
        assertThat(metadata.countDocuments()).isEqualTo(2_000 - quarantined);

        CliHarness.Result status = CliHarness.run("status", "--uri", uri, "--plan", PLAN);
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("split-user-data: ⚠ completed, " + quarantined + " in quarantine · run " + runId)
                .contains("processed 2,000/2,000");

        CliHarness.Result valid = CliHarness.run("validate", "--uri", uri, "--plan", PLAN, "--json");
        assertThat(valid.code()).as(valid.out()).isZero();
        JsonNode checks = JSON.readTree(valid.out()).get("checks");
        assertThat(checks.findValuesAsText("status")).isNotEmpty().containsOnly("PASSED");
        assertThat(checks.findValuesAsText("name")).contains("count", "checksum");
        CliHarness.Result validated = CliHarness.run("history", "--uri", uri, "--plan", PLAN);
        assertThat(validated.code()).as(validated.err()).isZero();
        assertThat(validated.out()).contains("VALIDATION").contains("✓ " + checks.size() + " passed");

        Document victim = metadata.find().sort(new Document("_id", 1)).first();
        ObjectId key = victim.getObjectId("_id");
        metadata.updateOne(eq("_id", key), set("filename", "tampered-with.csv"));
        CliHarness.Result invalid = CliHarness.run("validate", "--uri", uri, "--plan", PLAN);
        assertThat(invalid.code()).as(invalid.out() + invalid.err()).isEqualTo(1);
        assertThat(invalid.out()).contains("✗ FAILED  checksum").contains(key.toHexString())
                .contains("checks did not pass");
        // put it back: a rollback keeps (and reports) a document changed since the run wrote it
        metadata.replaceOne(eq("_id", key), victim);

        CliHarness.Result history = CliHarness.run("history", "--uri", uri, "--plan", PLAN, "--json");
        assertThat(history.code()).as(history.err()).isZero();
        JsonNode runs = JSON.readTree(history.out());
        assertThat(runs.isArray()).isTrue();
        assertThat(runs.get(0).get("runId").asText()).isEqualTo(runId);
        assertThat(runs.get(0).get("plan").asText()).isEqualTo(PLAN_NAME);
        assertThat(runs.get(0).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(runs.get(0).get("processed").asLong()).isEqualTo(2_000);
        JsonNode verdict = runs.get(0).get("validation");
        assertThat(verdict.get("mismatched").asInt()).as(verdict.toString()).isPositive();
        assertThat(verdict.get("summary").asText()).contains("mismatched of " + checks.size());
        assertThat(verdict.get("at").asText()).isNotBlank();

        CliHarness.Result piped = CliHarness.run("rollback", "--uri", uri, "--plan", PLAN);
        assertThat(piped.code()).isEqualTo(2);
        assertThat(piped.out()).contains("Roll back split-user-data on narrative_modeling (run " + runId)
                .doesNotContain(" 0 documents");
        assertThat(piped.err()).startsWith("ferry: Rollback not confirmed").contains("Nothing was changed")
                .contains("ferry rollback --uri " + uri + " --plan " + PLAN + " --run " + runId + " --yes");
        assertThat(metadata.countDocuments()).isEqualTo(2_000 - quarantined);

        CliHarness.Result rollback = CliHarness.run("rollback", "--uri", uri, "--plan", PLAN, "--yes");
        assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("✓ Rolled back run " + runId + " of split-user-data")
                .contains("documents deleted or restored").doesNotContain("rolled back: rolled back")
                .doesNotContain(" 0 documents").contains("✓ Targets match their pre-run checksums.");
        assertThat(metadata.countDocuments()).isZero();
        assertThat(configs.countDocuments()).isZero();

        CliHarness.Result after = CliHarness.run("history", "--uri", uri, "--plan", PLAN);
        assertThat(after.out()).contains(runId).contains("rolled back");
    }

    @Test
    @Order(3)
    void aRunWhileAnotherProcessHoldsTheLeaseIsRefusedAndNamesTheHolder() {
        MongoCollection<Document> leases = db.getCollection("ferry_leases");
        Instant now = Instant.now();
        leases.insertOne(new Document("_id", PLAN_NAME).append("plan", PLAN_NAME)
                .append("owner", "console-4711@ops-box").append("runId", "run-elsewhere").append("host", "ops-box")
                .append("operator", "mallory").append("acquiredAt", Date.from(now)).append("heartbeatAt", Date.from(now))
                .append("expiresAt", Date.from(now.plusSeconds(60))));
        try {
            CliHarness.Result r = CliHarness.run("run", "--uri", demo.connectionString(), "--plan", PLAN);
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).contains("mallory").contains("ops-box").contains("run-elsewhere");
            assertThat(db.getCollection("dataset_metadata").countDocuments()).isZero();
        } finally {
            leases.deleteOne(eq("_id", PLAN_NAME));
        }
    }
}
