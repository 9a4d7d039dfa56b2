package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry pg op} and the general verbs on a PostgreSQL plan, through the real CLI, on a real server. */
class PgOpCliTest {

    @Test
    void runbookOperationsThroughTheCli(@TempDir Path dir) throws Exception {
        String url = TestPostgres.freshDatabase("pg_cli");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id varchar(36) PRIMARY KEY, name text)");
            s.execute("CREATE TABLE tags (id int PRIMARY KEY, user_id varchar(36) REFERENCES users(id))");
            s.execute("INSERT INTO users SELECT md5(i::text)::uuid::text, 'u' || i FROM generate_series(1, 500) i");
            s.execute("INSERT INTO tags SELECT i, md5(i::text)::uuid::text FROM generate_series(1, 500) i");
        }
        String plan = "plans/users-uuid.yaml";

        CliHarness.Result schema = CliHarness.run("pg", "op", "validate_schema", "--uri", url, "--plan", plan);
        assertThat(schema.code()).as(schema.err()).isZero();
        assertThat(schema.out()).contains("tags.user_id", "Ready to convert");

        CliHarness.Result assess = CliHarness.run("assess", "--uri", url);
        assertThat(assess.code()).as(assess.err()).isZero();
        assertThat(assess.out()).contains("tags.user_id → id (tags_user_id_fkey)");

        CliHarness.Result run = CliHarness.run("run", "--uri", url, "--plan", plan);
        assertThat(run.code()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("full_migration complete", "Exclusive locks held");

        CliHarness.Result validate = CliHarness.run("validate", "--uri", url, "--plan", plan, "--json");
        assertThat(validate.code()).isZero();
        assertThat(validate.out()).contains("\"status\" : \"PASSED\"").doesNotContain("FAILED");

        CliHarness.Result refused = CliHarness.run("rollback", "--uri", url, "--plan", plan);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--yes");

        CliHarness.Result rollback = CliHarness.run("rollback", "--uri", url, "--plan", plan, "--yes");
        assertThat(rollback.code()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("restored");

        CliHarness.Result status = CliHarness.run("status", "--uri", url, "--plan", plan);
        assertThat(status.out()).contains("rolled_back", "rollback  ");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "kind: uuid-key-conversion\nname: x\ntable: users\ncolumn: id\nbatch_size: 0\ncolunm: id\n");
        CliHarness.Result planError = CliHarness.run("pg", "op", "validate_schema", "--uri", url, "--plan", bad.toString());
        assertThat(planError.code()).isEqualTo(2);
        assertThat(planError.err()).contains("bad.yaml:5:13: batch_size: must be between 1 and")
                .contains("bad.yaml:6:1: colunm: unknown key 'colunm'");
    }
}
