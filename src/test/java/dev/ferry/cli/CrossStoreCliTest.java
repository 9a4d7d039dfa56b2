package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.InProcessMongo;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The CLI verbs on a cross-store plan: PostgreSQL → MongoDB with {@code --source-uri}, the same with the journal in
 * PostgreSQL ({@code --uri} PostgreSQL, {@code --target-uri} MongoDB), and the usage errors.
 */
class CrossStoreCliTest {

    private static final String PLAN = "plans/people-to-mongo.yaml";

    @Test
    void lintPreviewDryRunRunValidateAndRollBackAPostgresSource() throws Exception {
        String pg = TestPostgres.freshDatabase("cli_people");
        try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"People\" (id uuid PRIMARY KEY, \"Full Name\" text, \"select\" text,"
                    + " born timestamptz, balance numeric(12, 2), profile jsonb, tags text[], active boolean,"
                    + " visits bigint)");
            s.execute("INSERT INTO \"People\" SELECT md5(g::text)::uuid, 'P ' || g, NULL, now(), g / 3.0, NULL,"
                    + " ARRAY['t' || g], g % 2 = 0, g FROM generate_series(1, 120) g");
        }
        String pgWithPassword = pg + "&password=hunter2"; // trust auth ignores it; it must never be printed
        try (InProcessMongo mongo = new InProcessMongo()) {
            String uri = mongo.uri("app");
            assertThat(CliHarness.run("plan", "lint", "--plan", PLAN).code()).isZero();
            CliHarness.Result preview = CliHarness.run("preview", "--uri", uri, "--source-uri", pgWithPassword,
                    "--plan", PLAN, "--samples", "1");
            assertThat(preview.code()).as(preview.err()).isZero();
            assertThat(preview.out()).contains("\"Full Name\": \"P ", "\"name\": \"P ");
            CliHarness.Result dry = CliHarness.run("dry-run", "--uri", uri, "--source-uri", pgWithPassword,
                    "--plan", PLAN);
            assertThat(dry.code()).as(dry.err()).isZero();
            CliHarness.Result run = CliHarness.run("run", "--uri", uri, "--source-uri", pgWithPassword, "--plan", PLAN,
                    "--json");
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("COMPLETED").doesNotContain("hunter2");
            assertThat(run.err()).doesNotContain("hunter2");
            CliHarness.Result validate = CliHarness.run("validate", "--uri", uri, "--source-uri", pgWithPassword,
                    "--plan", PLAN);
            assertThat(validate.code()).as(validate.out() + validate.err()).isZero();
            CliHarness.Result rollback = CliHarness.run("rollback", "--uri", uri, "--source-uri", pgWithPassword,
                    "--plan", PLAN, "--yes");
            assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
            assertThat(mongo.database("app").getCollection("people").countDocuments()).isZero();

            CliHarness.Result missing = CliHarness.run("run", "--uri", uri, "--plan", PLAN);
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.err()).contains("--source-uri");
            CliHarness.Result unreachable = CliHarness.run("run", "--uri", uri, "--plan", PLAN, "--source-uri",
                    "jdbc:postgresql://127.0.0.1:1/x?user=u&password=hunter2");
            assertThat(unreachable.code()).isEqualTo(3);
            assertThat(unreachable.err()).contains("Cannot reach PostgreSQL").doesNotContain("hunter2");
        }
    }

    @Test
    void withAPostgresUriTheJournalStaysThereAndTheOtherOptionNamesTheMongoSide() throws Exception {
        String pg = TestPostgres.freshDatabase("cli_people_pg_journal");
        try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"People\" (id uuid PRIMARY KEY, \"Full Name\" text, born timestamptz, tags text[])");
            s.execute("INSERT INTO \"People\" SELECT md5(g::text)::uuid, 'P ' || g, now(), ARRAY['t' || g]"
                    + " FROM generate_series(1, 80) g");
        }
        try (InProcessMongo mongo = new InProcessMongo()) {
            CliHarness.Result missing = CliHarness.run("run", "--uri", pg, "--plan", PLAN);
            assertThat(missing.code()).as(missing.err()).isEqualTo(2);
            assertThat(missing.err()).contains("MongoDB collection people").contains("--target-uri mongodb://");

            CliHarness.Result run = CliHarness.run("run", "--uri", pg, "--target-uri", mongo.uri("app"), "--plan", PLAN);
            assertThat(run.code()).as(run.out() + run.err()).isZero();
            assertThat(mongo.database("app").getCollection("people").countDocuments()).isEqualTo(80);
            assertThat(mongo.database("app").listCollectionNames().into(new java.util.ArrayList<>()))
                    .as("nothing of Ferry's in MongoDB").containsExactly("people");
            CliHarness.Result history = CliHarness.run("history", "--uri", pg);
            assertThat(history.out()).contains("people-to-mongo").contains("completed");
            CliHarness.Result rollback = CliHarness.run("rollback", "--uri", pg, "--target-uri", mongo.uri("app"),
                    "--plan", PLAN, "--yes");
            assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
            assertThat(mongo.database("app").getCollection("people").countDocuments()).isZero();

            CliHarness.Result twoPostgres = CliHarness.run("run", "--uri", pg, "--source-uri", pg.replace("cli_", "x_"),
                    "--plan", PLAN);
            assertThat(twoPostgres.code()).isEqualTo(2);
            assertThat(twoPostgres.err()).contains("must be the MongoDB one");
        }
    }
}
