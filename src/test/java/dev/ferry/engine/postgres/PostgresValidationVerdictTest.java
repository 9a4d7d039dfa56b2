package dev.ferry.engine.postgres;

import dev.ferry.engine.MigrationEngine;

import dev.ferry.engine.connect.Engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * On a real PostgreSQL 15, a validation's verdict is journalled on the run it validated in ferry.operation_runs:
 * history shows it, and an older journal in the plan's schema from before the verdict columns reads without them in
 * place, then moves into schema ferry when the plan runs.
 */
class PostgresValidationVerdictTest {

    @Test
    void aValidatedConversionShowsItsVerdictInHistory() throws Exception {
        String url = TestPostgres.freshDatabase("verdict_uuid");
        Runbook002Schema.create(url, 200, 1);
        UuidKeyPlan plan = (UuidKeyPlan) PostgresPlanLoader.load(Path.of("plans/users-uuid.yaml"));
        MigrationEngine ferry = Engines.connect(url);
        RunReport run = ferry.run(plan, new RunControl(), RunListener.NONE);
        assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
        RunSummary converted = ferry.history(plan.name()).get(0);
        assertThat(converted.validation()).isNull();

        Instant before = Instant.now();
        var report = ferry.validate(plan);
        assertThat(report.passed()).isTrue();

        RunSummary validated = ferry.history(plan.name()).get(0);
        assertThat(validated.runId()).isEqualTo(run.runId());
        assertThat(validated.endedAt()).as("validating does not change when the run ended")
                .isEqualTo(converted.endedAt());
        assertThat(validated.validation()).satisfies(v -> {
            assertThat(v.ok()).isTrue();
            assertThat(v.passed()).isEqualTo(report.checks().size());
            assertThat(v.summary()).isEqualTo(report.checks().size() + " passed");
            assertThat(v.at()).isAfter(before.minusSeconds(1));
        });
    }

    @Test
    void aJournalFromBeforeVerdictsIsReadThenMovedIntoFerrysSchemaAndRecordsThem() throws Exception {
        String url = TestPostgres.freshDatabase("verdict_upgrade");
        // the journal as Ferry created it with the plan hash but before verdicts, with a stopped backfill in it
        Runbook002Schema.execute(url, """
                CREATE TABLE predictions (id bigserial PRIMARY KEY, model_version text NOT NULL,
                  created_at timestamptz NOT NULL, score numeric);
                INSERT INTO predictions (model_version, created_at, score)
                  SELECT '1.0', now() - i * interval '1 minute', i / 100.0 FROM generate_series(1, 1000) i;
                CREATE TABLE ferry_pg_runs (run_id text PRIMARY KEY, plan text NOT NULL, kind text NOT NULL,
                  state text NOT NULL, step text NOT NULL, owner text,
                  started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
                  message text, layout text, checkpoint text, plan_hash text);
                CREATE TABLE ferry_pg_batches (run_id text NOT NULL, table_name text NOT NULL, batch integer NOT NULL,
                  rows bigint NOT NULL, done_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (run_id, table_name, batch));
                CREATE TABLE ferry_pg_tables (run_id text NOT NULL, table_name text NOT NULL,
                  pages_per_batch integer NOT NULL, batches integer NOT NULL, rows_before bigint NOT NULL,
                  PRIMARY KEY (run_id, table_name));
                INSERT INTO ferry_pg_runs (run_id, plan, kind, state, step, owner)
                  VALUES ('pg-old-1', 'predictions-accuracy', 'postgres-operations', 'paused', 'backfill', 'dba');
                """);
        MigrationEngine ferry = Engines.connect(url);
        assertThat(ferry.history(null)).singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo("pg-old-1");
            assertThat(r.validation()).isNull();
        });
        assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM information_schema.columns WHERE table_name ="
                + " 'ferry_pg_runs' AND column_name LIKE 'validat%'")).as("history reads without upgrading").isEqualTo("0");

        ColumnBackfillPlan plan = (ColumnBackfillPlan) PostgresPlanLoader.load(Path.of("plans/predictions-accuracy.yaml"));
        RunReport resumed = ferry.run(plan, new RunControl(), RunListener.NONE);
        assertThat(resumed.state()).as(resumed.message()).isEqualTo(RunState.COMPLETED);
        assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'ferry_pg_%'"))
                .as("the older journal moved out of public").isEqualTo("0");
        assertThat(Runbook002Schema.scalar(url, "SELECT run_id || ' ' || state FROM ferry.operation_runs"))
                .isEqualTo("pg-old-1 completed");

        var report = ferry.validate(plan);
        assertThat(report.passed()).as(report.checks().toString()).isTrue();
        assertThat(ferry.history(null)).singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo("pg-old-1");
            assertThat(r.validation().summary()).isEqualTo(report.checks().size() + " passed");
        });

        Runbook002Schema.execute(url, "UPDATE predictions SET model_accuracy = 2 WHERE id = 7");
        assertThat(ferry.validate(plan).passed()).isFalse();
        assertThat(ferry.history(null)).singleElement().satisfies(r -> {
            assertThat(r.validation().mismatched()).isEqualTo(1);
            assertThat(r.validation().summary()).isEqualTo("1 mismatched of " + report.checks().size());
        });
    }
}
