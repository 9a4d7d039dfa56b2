package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the real CLI on a real server: a conversion begun with one version of the plan file is not resumed with
 * another (one clear message, exit 1, no stack trace), goes on with its own, and rolls back with either.
 */
class PgPlanHashCliTest {

    @Test
    void aRunIsResumedOnlyWithThePlanItBeganWith(@TempDir Path dir) throws Exception {
        String url = TestPostgres.freshDatabase("hash_cli");
        Runbook002Schema.create(url, 500, 1);
        Map<String, String> before = Runbook002Schema.checksums(url);
        String text = Files.readString(Path.of("plans/users-uuid.yaml"));
        Path original = Files.writeString(dir.resolve("users-uuid.yaml"), text.replace("batch_size: 50000",
                "batch_size: 100"));
        Path changed = Files.writeString(dir.resolve("users-uuid-changed.yaml"), text.replace("batch_size: 50000",
                "batch_size: 150"));

        CliHarness.Result backup = CliHarness.run("pg", "op", "backup_data", "--uri", url, "--plan", original.toString());
        assertThat(backup.code()).as(backup.err() + backup.out()).isZero();
        String hash = Runbook002Schema.scalar(url, "SELECT plan_hash FROM ferry.operation_runs");
        assertThat(hash).isNotBlank();

        CliHarness.Result refused = CliHarness.run("pg", "op", "convert", "--uri", url, "--plan", changed.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("was made with another version of the plan (hash " + hash + ", now ",
                "Restore that plan file to resume it, or roll the run back first").doesNotContain("\tat ");
        assertThat(Runbook002Schema.scalar(url, "SELECT step FROM ferry.operation_runs")).isEqualTo("PLANNED");

        CliHarness.Result resumed = CliHarness.run("pg", "op", "convert", "--uri", url, "--plan", original.toString());
        assertThat(resumed.code()).as(resumed.err() + resumed.out()).isZero();
        assertThat(Runbook002Schema.scalar(url, "SELECT step FROM ferry.operation_runs")).isEqualTo("SWAPPED");

        CliHarness.Result validate = CliHarness.run("validate", "--uri", url, "--plan", original.toString());
        assertThat(validate.code()).as(validate.err() + validate.out()).isZero();

        // history, with or without --plan, names the plan version the run was made with and its verdict
        for (String[] args : new String[][] {{"history", "--uri", url, "--plan", original.toString()},
                {"history", "--uri", url}}) {
            CliHarness.Result history = CliHarness.run(args);
            assertThat(history.code()).as(history.err() + history.out()).isZero();
            assertThat(history.out()).contains("HASH", "users-uuid", hash.substring(0, 8), "VALIDATION")
                    .containsPattern("✓ \\d+ passed");
        }

        CliHarness.Result rollback = CliHarness.run("rollback", "--uri", url, "--plan", changed.toString(), "--yes");
        assertThat(rollback.code()).as(rollback.err() + rollback.out()).isZero();
        assertThat(Runbook002Schema.checksums(url)).isEqualTo(before);
    }
}
