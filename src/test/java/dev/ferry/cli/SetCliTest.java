package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ferry.demo.EarlybirdDataset;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry set …} end to end on the earlybird demo data: output, exit codes, confirmations, errors. */
class SetCliTest {

    static final String SET = Path.of("sets", "earlybird").toString();
    static InProcessMongo mongo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        mongo = new InProcessMongo();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static String seeded(String db) {
        MongoDatabase database = mongo.database(db);
        EarlybirdDataset.seed(database, 300, 3);
        return mongo.uri(db);
    }

    @Test
    void listUpStatusAndAConfirmedDown() {
        String uri = seeded("cli_flow");

        CliHarness.Result list = CliHarness.run("set", "list", "--uri", uri, "--dir", SET);
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("Set earlybird on database cli_flow:")
                .containsPattern("V003 +Add performance indexes \\(14 across 6 collections\\) +pending")
                .contains("Lease: free");

        CliHarness.Result up = CliHarness.run("set", "up", "--uri", uri, "--dir", SET, "--to", "V002");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).contains("[1/2] Applying V001: Add subscription_id to orders")
                .contains("✓ completed in").contains("✓ Applied 2 versions of earlybird.");

        CliHarness.Result status = CliHarness.run("set", "status", "--uri", uri, "--dir", SET);
        assertThat(status.out()).contains("at V002 · 2 completed, 3 pending, 0 failed, 0 rolled back");

        CliHarness.Result refused = CliHarness.run("set", "down", "--uri", uri, "--dir", SET);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("Not confirmed").contains("ferry set down --uri " + uri
                + " --dir " + SET + " --yes");
        assertThat(mongo.database("cli_flow").getCollection("orders")
                .countDocuments(Filters.exists("subscription_id", false))).as("nothing rolled back").isZero();

        CliHarness.Result wrong = new CliHarness(Map.of(), true, "yes\n")
                .execute("set", "down", "--uri", uri, "--dir", SET);
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.out()).contains("V002  Add order_id to delivery_statuses  (completed)")
                .contains("Type 'earlybird' to confirm the rollback:");
        assertThat(wrong.err()).contains("Aborted: you typed 'yes', not 'earlybird'. Nothing was changed.");

        CliHarness.Result down = new CliHarness(Map.of(), true, "earlybird\n")
                .execute("set", "down", "--uri", uri, "--dir", SET);
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).contains("[1/2] Rolling back V002").contains("[2/2] Rolling back V001")
                .contains("✓ Rolled back 2 versions of earlybird.");
    }

    @Test
    void upAsJson() throws Exception {
        String uri = seeded("cli_json");
        CliHarness.Result up = CliHarness.run("set", "up", "--uri", uri, "--dir", SET, "--only", "3", "--json");
        assertThat(up.code()).as(up.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(up.out());
        assertThat(report.get("direction").asText()).isEqualTo("UP");
        assertThat(report.get("results").get(0).get("label").asText()).isEqualTo("003");
        assertThat(report.get("results").get(0).get("counts").get("indexes_created").asLong()).isEqualTo(13);
        assertThat(up.err()).contains("Applying V003");
    }

    @Test
    void aBadSetFileIsRefusedWithItsLocation() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("V001__ok.yaml"), "up:\n  - add_field: { collection: orders, field: a }\n");
        Files.writeString(dir.resolve("V002__typo.yaml"), "description: typo\nup:\n  - add_feild: { collection: orders }\n");
        Files.writeString(dir.resolve("V3-no-separator.yaml"), "up: []\n");

        CliHarness.Result r = CliHarness.run("set", "up", "--uri", seeded("cli_bad"), "--dir", dir.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("V002__typo.yaml") + ":3:5: up[0].add_feild: unknown operation"
                + " 'add_feild' (did you mean 'add_field'?)")
                .contains("V3-no-separator.yaml:1:1: not a migration file name");
        assertThat(mongo.database("cli_bad").getCollection("orders").countDocuments(Filters.exists("a"))).isZero();
    }

    @Test
    void aFailureExitsOneAndNamesTheVersion() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("failing"));
        Files.writeString(dir.resolve("V001__unique_customer.yaml"),
                "up:\n  - create_index: { collection: orders, keys: { customer_id: 1 }, unique: true }\n");
        Files.writeString(dir.resolve("V002__later.yaml"), "up:\n  - add_field: { collection: orders, field: b }\n");

        CliHarness.Result r = CliHarness.run("set", "up", "--uri", seeded("cli_fail"), "--dir", dir.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("✗ V001 (V001__unique_customer.yaml) failed: V001__unique_customer.yaml line 2")
                .contains("Not run: V002");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aHeldLeaseRefusesARunAndIsReleasedOnlyWhenConfirmed() {
        String uri = seeded("cli_lease");
        try (MongoStore store = MongoStore.connect(uri)) {
            MongoLease other = new MongoLease(store, "set:cli_lease", "dba@other-host:4242/set#abcd", Duration.ofMinutes(5));
            assertThat(other.tryAcquire("earlybird: up", "other-host", "dba")).isEmpty();

            CliHarness.Result up = CliHarness.run("set", "up", "--uri", uri, "--dir", SET);
            assertThat(up.code()).isEqualTo(3);
            assertThat(up.err()).contains("Another set run holds the lease on database cli_lease: dba on other-host"
                    + " (earlybird: up").contains("ferry set release-lease").contains("Nothing was changed.");

            assertThat(CliHarness.run("set", "status", "--uri", uri, "--dir", SET).out())
                    .contains("Lease: held by dba on other-host (earlybird: up)")
                    .contains("owner dba@other-host:4242/set#abcd");

            CliHarness.Result notConfirmed = CliHarness.run("set", "release-lease", "--uri", uri);
            assertThat(notConfirmed.code()).isEqualTo(2);
            assertThat(MongoLease.holder(store, "set:cli_lease")).isPresent();

            CliHarness.Result released = new CliHarness(Map.of(), true, "cli_lease\n")
                    .execute("set", "release-lease", "--uri", uri);
            assertThat(released.code()).as(released.err()).isZero();
            assertThat(released.out()).contains("Type 'cli_lease' to confirm releasing the lease:")
                    .contains("✓ Released the set lease held by dba@other-host:4242/set#abcd.");
            assertThat(MongoLease.holder(store, "set:cli_lease")).isEmpty();
            assertThat(other.heartbeat()).as("the released holder learns it lost the lease").isFalse();
        }
    }
}
