package dev.ferry.engine.postgres.backfill;

import dev.ferry.engine.postgres.Runbook002Schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Runbook 003 on a real PostgreSQL 15: add the columns and the index, backfill in batches (stopped half-way and
 * resumed), validate (share migrated, invalid values), an incremental backfill of rows created since a time, and
 * the downgrade back to a table byte-identical to before.
 */
public class Runbook003BackfillTest {

    public static final Path PLAN = Path.of("plans/predictions-accuracy.yaml");

    @Test
    void upBackfillResumeValidateIncrementalAndDown() throws Exception {
        String url = TestPostgres.freshDatabase("backfill");
        Runbook002Schema.execute(url, """
                CREATE TABLE predictions (id bigserial PRIMARY KEY, model_version text NOT NULL,
                  created_at timestamptz NOT NULL, score numeric);
                INSERT INTO predictions (model_version, created_at, score)
                  SELECT CASE WHEN i % 4 = 0 THEN '2.0' ELSE '1.0' END, now() - interval '30 days' + i * interval '1 minute',
                  i / 100.0 FROM generate_series(1, 20000) i;
                """);
        String before = checksum(url);
        ColumnBackfillPlan plan = (ColumnBackfillPlan) PostgresPlanLoader.load(PLAN);
        try (PostgresStore store = PostgresStore.connect(url)) {
            RunControl control = new RunControl();
            int[] batches = {0};
            BackfillOperations ops = new BackfillOperations(store, plan, event -> {
                if (event instanceof RunEvent.BatchDone && ++batches[0] == 4) {
                    control.pause("test stops after 4 batches");
                }
            }, control);

            assertThat(ops.up().ok()).isTrue();
            assertThat(Runbook002Schema.scalar(url, "SELECT indisvalid FROM pg_index WHERE indexrelid ="
                    + " 'idx_predictions_model_accuracy'::regclass")).isEqualTo("t");
            BackfillReport first = ops.backfill();
            assertThat(first.ok()).isFalse();
            assertThat(first.rows()).isEqualTo(4_000);
            ValidationReport half = ops.validate();
            assertThat(half.passed()).isFalse();
            assertThat(check(half, "migrated share").summary()).contains("4,000 of 15,000 rows in scope migrated");

            control.clear();
            BackfillReport rest = ops.backfill();
            assertThat(rest.ok()).isTrue();
            assertThat(rest.rows()).isEqualTo(11_000);
            assertThat(ops.validate().passed()).isTrue();
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM predictions WHERE model_accuracy = 0.85"))
                    .isEqualTo("15000");
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM predictions WHERE model_version = '2.0'"
                    + " AND model_accuracy IS NOT NULL")).isEqualTo("0");

            // New rows after the backfill: validation sees them, an incremental backfill since a time covers them.
            Instant since = Instant.now().minusSeconds(60);
            Runbook002Schema.execute(url, "INSERT INTO predictions (model_version, created_at) SELECT '1.0', now()"
                    + " FROM generate_series(1, 250)");
            assertThat(check(ops.validate(), "migrated share").mismatched()).isEqualTo(250);
            BackfillReport incremental = ops.incremental(since);
            assertThat(incremental.rows()).isEqualTo(250);
            assertThat(ops.validate().passed()).isTrue();

            Runbook002Schema.execute(url, "UPDATE predictions SET model_accuracy = -1 WHERE id = 7");
            CheckResult invalid = check(ops.validate(), "invalid values");
            assertThat(invalid.status()).isEqualTo(CheckResult.CheckStatus.FAILED);
            assertThat(invalid.failingKeys()).containsExactly("7");

            Runbook002Schema.execute(url, "DELETE FROM predictions WHERE id > 20000");
            assertThat(ops.down().ok()).isTrue();
            assertThat(checksum(url)).isEqualTo(before);
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_indexes WHERE indexname ="
                    + " 'idx_predictions_model_accuracy'")).isEqualTo("0");
            assertThat(Runbook002Schema.scalar(url, "SELECT string_agg(operation || ':' || status, ',' ORDER BY id)"
                    + " FROM migration_log")).startsWith("up:completed,backfill:paused,validate:failed,backfill:completed");
        }
    }

    private static CheckResult check(ValidationReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static String checksum(String url) throws Exception {
        return Runbook002Schema.scalar(url, "SELECT count(*) || ':' || md5(string_agg(t::text, '|' ORDER BY t.id))"
                + " FROM predictions t");
    }
}
