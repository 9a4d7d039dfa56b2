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

        // dry-run is validate_schema as the console shows it: the DryRunReport, per table, nothing blocks
        CliHarness.Result dryRun = CliHarness.run("dry-run", "--uri", url, "--plan", plan);
        assertThat(dryRun.code()).as(dryRun.err() + dryRun.out()).isZero();
        assertThat(dryRun.out()).contains("Checked 1,000 rows: 0 values at fault", "TABLE", "tags", "No errors detected");

        // run does what the console's Run does: backup_data and convert (validation is its own verb)
        CliHarness.Result run = CliHarness.run("run", "--uri", url, "--plan", plan);
        assertThat(run.code()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("Migration complete: 1,000 rows", "Exclusive locks held")
                .doesNotContain("validate_migration");

        CliHarness.Result validate = CliHarness.run("validate", "--uri", url, "--plan", plan, "--json");
        assertThat(validate.code()).isZero();
        assertThat(validate.out()).contains("\"status\" : \"PASSED\"").doesNotContain("FAILED");

        CliHarness.Result refused = CliHarness.run("rollback", "--uri", url, "--plan", plan);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.out()).contains("put back the original users (500 rows)", "from the backup schema");
        assertThat(refused.err()).contains("--yes");

        CliHarness.Result rollback = CliHarness.run("rollback", "--uri", url, "--plan", plan, "--yes");
        assertThat(rollback.code()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("✓ Rolled back run", "put back the original users (500 rows)",
                "✓ Every table is as it was before the run.");

        CliHarness.Result status = CliHarness.run("status", "--uri", url, "--plan", plan);
        assertThat(status.out()).contains("users-uuid: rolled back");

        // the runbook's own verb still runs the whole runbook, through the engine's operations
        CliHarness.Result full = CliHarness.run("pg", "op", "full-migration", "--uri", url, "--plan", plan);
        assertThat(full.code()).as(full.err() + full.out()).isZero();
        assertThat(full.out()).contains("✓ full_migration of users-uuid (run ", "validate_schema: Ready to convert",
                "full_migration complete.", "All ").doesNotContain("FAILED");
        CliHarness.Result opStatus = CliHarness.run("pg", "op", "status", "--uri", url, "--plan", plan, "--json");
        assertThat(opStatus.code()).as(opStatus.err()).isZero();
        assertThat(opStatus.out()).contains("\"operation\" : \"status\"", "completed at step swapped",
                "\"title\" : \"migration_log, newest first\"");
        CliHarness.Result typo = CliHarness.run("pg", "op", "convrt", "--uri", url, "--plan", plan);
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("Unknown operation 'convrt'", "did you mean 'convert'?");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "kind: uuid-key-conversion\nname: x\ntable: users\ncolumn: id\nbatch_size: 0\ncolunm: id\n");
        CliHarness.Result planError = CliHarness.run("pg", "op", "validate_schema", "--uri", url, "--plan", bad.toString());
        assertThat(planError.code()).isEqualTo(2);
        assertThat(planError.err()).contains("bad.yaml:5:13: batch_size: must be between 1 and")
                .contains("bad.yaml:6:1: colunm: unknown key 'colunm'");
    }
}
