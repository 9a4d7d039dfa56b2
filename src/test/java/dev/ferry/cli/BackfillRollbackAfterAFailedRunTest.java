package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.PeopleTables;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runbook 003 whose backfill fails part-way (a division by zero on some rows) after `up` added its column and index:
 * `ferry rollback` takes them down again; it never says there is nothing to roll back.
 */
class BackfillRollbackAfterAFailedRunTest {

    @Test
    void aFailedBackfillsColumnAndIndexAreTakenDownByTheRollback(@TempDir Path dir) throws Exception {
        String url = TestPostgres.freshDatabase("failed_backfill");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE readings (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, score numeric)");
            s.execute("INSERT INTO readings SELECT g, now(), CASE WHEN g = 150 THEN 0 ELSE g END"
                    + " FROM generate_series(1, 300) g");
        }
        Path plan = Files.writeString(dir.resolve("inverse.yaml"), """
                kind: postgres-operations
                name: readings-inverse
                table: readings
                add_columns:
                  - { name: inverse, type: double precision }
                indexes:
                  - { name: idx_readings_inverse, columns: [inverse] }
                backfill:
                  column: inverse
                  expression: "1.0 / score"
                  batch_size: 100
                created_at_column: created_at
                validation:
                  migrated_when: "inverse IS NOT NULL"
                """);
        CliHarness.Result run = CliHarness.run("run", "--uri", url, "--plan", plan.toString());
        assertThat(run.code()).as(run.out() + run.err()).isNotZero();
        assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'readings'::regclass"
                + " AND attname = 'inverse' AND NOT attisdropped")).isEqualTo("1");

        CliHarness.Result rollback = CliHarness.run("rollback", "--uri", url, "--plan", plan.toString(), "--yes");
        assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out() + rollback.err()).doesNotContain("Nothing to roll back");
        assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'readings'::regclass"
                + " AND attname = 'inverse' AND NOT attisdropped")).isEqualTo("0");
        assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM pg_class WHERE relname = 'idx_readings_inverse'"))
                .isEqualTo("0");
    }
}
