package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.demo.DemoDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class FerryCliTest {

    private static DemoDatabase demo;

    @BeforeAll
    static void startDemo() {
        demo = DemoDatabase.start(0);
        demo.seed(1_200, 42);
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    @Test
    void assessAsJson() throws Exception {
        CliHarness.Result r = CliHarness.run("assess", "--uri", demo.connectionString(), "--json", "--sample", "200");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("database").asText()).isEqualTo("narrative_modeling");
        JsonNode userData = json.get("collections").get(0);
        assertThat(userData.get("name").asText()).isEqualTo("user_data");
        assertThat(userData.get("count").asLong()).isEqualTo(1_200);
        assertThat(userData.get("sampled").asLong()).isEqualTo(200);
        assertThat(userData.get("fields").findValuesAsText("path")).contains("_id", "transformation_history");
        assertThat(json.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void assessForAPersonUsesThousandsSeparatorsAndFallsBackToFerryUri() {
        CliHarness.Result r = new CliHarness(Map.of("FERRY_URI", demo.connectionString()), false, "")
                .execute("assess", "--sample", "100");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("user_data").contains("1,200").contains("transformation_history")
                .contains("row_count");
    }

    @Test
    void noDatabaseIsAUsageError() {
        CliHarness.Result r = CliHarness.run("assess");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--uri").contains("FERRY_URI");
    }

    @Test
    void planLintWithAMissingFileNamesIt(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-plan.yaml");
        CliHarness.Result r = CliHarness.run("plan", "lint", "--plan", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no-such-plan.yaml").contains("not found");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aPostgresUrlWithoutJdbcIsToldHowToWriteIt() {
        CliHarness.Result r = CliHarness.run("assess", "--uri", "postgresql://ops:s3cret@db.internal:5432/app");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("jdbc:postgresql://host:5432/database").doesNotContain("s3cret");
    }

    @Test
    void unreachableDatabaseIsOneLineWithoutPasswordOrStackTrace() {
        long start = System.nanoTime();
        CliHarness.Result r = CliHarness.run("assess", "--uri", "mongodb://alice:s3cret@127.0.0.1:1/db");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("ferry: Cannot reach MongoDB at 127.0.0.1:1: ")
                .containsIgnoringCase("connection refused");
        assertThat(r.err() + r.out()).doesNotContain("s3cret").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(seconds).isLessThan(10);
    }

    @Test
    void unknownVerbAndBadValuesAreUsageErrors() {
        CliHarness.Result unknown = CliHarness.run("frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("frobnicate");

        CliHarness.Result badValue = CliHarness.run("assess", "--sample", "many");
        assertThat(badValue.code()).isEqualTo(2);
        assertThat(badValue.err()).contains("--sample").contains("ferry assess --help");

        assertThat(CliHarness.run().code()).isEqualTo(2);
        assertThat(CliHarness.run("plan").code()).isEqualTo(2);
    }

    @Test
    void helpListsEveryVerb() {
        CliHarness.Result r = CliHarness.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("demo", "assess", "plan", "preview", "dry-run", "run", "validate", "rollback",
                "status", "history");
        CliHarness.Result run = CliHarness.run("run", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("--batch-size", "--plan", "--uri", "Exit codes");
    }

    @Test
    void unexpectedErrorsAreRedactedOneLinersUnlessVerbose() {
        CliHarness quiet = new CliHarness(Map.of(), false, "");
        CommandLine cl = FerryCli.commandLine(quiet.terminal()).addSubcommand(new Boom());
        CliHarness.Result r = quiet.execute(cl, "boom");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("ferry: unexpected error: lost mongodb://bob:***@db.example/x. "
                + FerryCli.LOG_HINT);

        CliHarness loud = new CliHarness(Map.of(), false, "");
        CliHarness.Result verbose = loud.execute(FerryCli.commandLine(loud.terminal()).addSubcommand(new Boom()),
                "boom", "--verbose");
        assertThat(verbose.code()).isEqualTo(3);
        assertThat(verbose.err()).contains("IllegalStateException").contains("\tat ").doesNotContain("hunter2");
    }

    @Test
    void aConnectionLostMidVerbIsNamedAsSuch() {
        CliHarness h = new CliHarness(Map.of(), false, "");
        CliHarness.Result r = h.execute(FerryCli.commandLine(h.terminal()).addSubcommand(new Dropped()), "dropped");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("ferry: Lost the connection to MongoDB: Prematurely reached end of "
                + "stream. Check that the server is still up; a run resumes from its last checkpoint when started again.");
    }

    @Command(name = "dropped")
    static final class Dropped extends Verb {
        @Override
        public Integer call() {
            throw new com.mongodb.MongoSocketReadException("Prematurely reached end of stream",
                    new com.mongodb.ServerAddress("127.0.0.1", 28431));
        }
    }

    @Command(name = "boom")
    static final class Boom extends Verb {
        @Option(names = "--ignored")
        boolean ignored;

        @Override
        public Integer call() {
            throw new IllegalStateException("lost mongodb://bob:hunter2@db.example/x");
        }
    }
}
