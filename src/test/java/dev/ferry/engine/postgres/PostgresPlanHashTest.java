package dev.ferry.engine.postgres;

import dev.ferry.engine.MigrationEngine;

import dev.ferry.engine.connect.Engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryException;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL journal records the plan's hash, on a real PostgreSQL 15: history shows it; a stopped run is resumed
 * only with the plan version that started it (and rolled back with any); a journal from before the hash (in the plan's
 * schema, as older versions kept it) is moved into schema ferry and its old runs, of unknown version, resume as before.
 */
class PostgresPlanHashTest {

    @TempDir
    Path dir;

    @Test
    void historyShowsThePlansHash() throws Exception {
        String url = TestPostgres.freshDatabase("hash_history");
        Runbook002Schema.create(url, 300, 1);
        UuidKeyPlan plan = uuidPlan("batch_size: 50000", "batch_size: 100");
        MigrationEngine ferry = Engines.connect(url);

        RunReport report = ferry.run(plan, new RunControl(), RunListener.NONE);
        assertThat(report.state()).as(report.message()).isEqualTo(RunState.COMPLETED);

        assertThat(ferry.history(plan.name())).singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo(report.runId());
            assertThat(r.planHash()).isEqualTo(plan.hash()).isNotBlank();
        });
    }

    @Test
    void anInterruptedConversionIsRefusedWithAChangedPlanAndStillRollsBack() throws Exception {
        String url = TestPostgres.freshDatabase("hash_refused");
        Runbook002Schema.create(url, 2_000, 2);
        Map<String, String> before = Runbook002Schema.checksums(url);
        UuidKeyPlan original = uuidPlan("batch_size: 50000", "batch_size: 200");
        MigrationEngine ferry = Engines.connect(url);
        String runId = interruptedConversion(ferry, original);

        UuidKeyPlan changed = uuidPlan("batch_size: 50000", "batch_size: 300");
        assertThat(changed.hash()).isNotEqualTo(original.hash());
        assertThatThrownBy(() -> ferry.run(changed, new RunControl(), RunListener.NONE))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("The unfinished run " + runId + " of users-uuid was made with another version"
                        + " of the plan (hash " + original.hash() + ", now " + changed.hash() + ")")
                .hasMessageContaining("Restore that plan file to resume it, or roll the run back first");
        assertThat(Runbook002Schema.scalar(url, "SELECT step FROM ferry.operation_runs")).isEqualTo("SHADOWS_CREATED");
        assertThat(ferry.history(changed.name())).first().satisfies(r -> {
            assertThat(r.state()).isEqualTo(RunState.INTERRUPTED);
            assertThat(r.planHash()).isEqualTo(original.hash());
        });

        RollbackReport rolledBack = ferry.rollback(changed, runId, RunListener.NONE);
        assertThat(rolledBack.state()).as(String.join("\n", rolledBack.verification())).isEqualTo(RunState.ROLLED_BACK);
        assertThat(Runbook002Schema.checksums(url)).isEqualTo(before);
    }

    @Test
    void anInterruptedConversionResumesWithTheOriginalPlan() throws Exception {
        String url = TestPostgres.freshDatabase("hash_resumed");
        Runbook002Schema.create(url, 2_000, 2);
        UuidKeyPlan original = uuidPlan("batch_size: 50000", "batch_size: 200");
        MigrationEngine ferry = Engines.connect(url);
        String runId = interruptedConversion(ferry, original);

        UuidKeyPlan changed = uuidPlan("batch_size: 50000", "batch_size: 300");
        assertThatThrownBy(() -> ferry.run(changed, new RunControl(), RunListener.NONE))
                .hasMessageContaining("another version of the plan");
        RunReport resumed = ferry.run(uuidPlan("batch_size: 50000", "batch_size: 200"), new RunControl(),
                RunListener.NONE);
        assertThat(resumed.state()).as(resumed.message()).isEqualTo(RunState.COMPLETED);
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.runId()).isEqualTo(runId);
        assertThat(ferry.validate(original).passed()).isTrue();
    }

    @Test
    void aStoppedBackfillIsRefusedWithAChangedPlanAndStartsAfreshAfterDown() throws Exception {
        String url = TestPostgres.freshDatabase("hash_backfill");
        Runbook002Schema.execute(url, """
                CREATE TABLE predictions (id bigserial PRIMARY KEY, model_version text NOT NULL,
                  created_at timestamptz NOT NULL, score numeric);
                INSERT INTO predictions (model_version, created_at, score)
                  SELECT '1.0', now() - i * interval '1 minute', i / 100.0 FROM generate_series(1, 3000) i;
                """);
        ColumnBackfillPlan original = backfillPlan("batch_size: 1000", "batch_size: 500");
        MigrationEngine ferry = Engines.connect(url);
        RunControl control = new RunControl();
        RunReport first = ferry.run(original, control, event -> {
            if (event instanceof RunEvent.BatchDone) {
                control.pause("the test stops it after one batch");
            }
        });
        assertThat(first.state()).as(first.message()).isEqualTo(RunState.PAUSED);

        ColumnBackfillPlan changed = backfillPlan("batch_size: 1000", "batch_size: 700");
        assertThatThrownBy(() -> ferry.run(changed, new RunControl(), RunListener.NONE))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("was made with another version of the plan (hash " + original.hash() + ", now "
                        + changed.hash() + ")");
        assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM predictions WHERE model_accuracy IS NOT NULL"))
                .isEqualTo("500");

        assertThat(ferry.rollback(changed, first.runId(), RunListener.NONE).state()).isEqualTo(RunState.ROLLED_BACK);
        RunReport again = ferry.run(changed, new RunControl(), RunListener.NONE);
        assertThat(again.state()).as(again.message()).isEqualTo(RunState.COMPLETED);
        assertThat(again.runId()).isNotEqualTo(first.runId());
        assertThat(again.processed()).isEqualTo(3_000);
        List<RunSummary> history = ferry.history(original.name());
        assertThat(history).extracting(RunSummary::planHash).containsExactly(changed.hash(), original.hash());
        assertThat(history).extracting(RunSummary::state).containsExactly(RunState.COMPLETED, RunState.ROLLED_BACK);
    }

    @Test
    void aJournalFromBeforeTheHashIsMovedIntoFerrysSchemaAndItsRunsResumeWithAnyPlan() throws Exception {
        String url = TestPostgres.freshDatabase("hash_upgrade");
        // the journal as Ferry created it before it recorded the plan's hash, with a stopped backfill in it
        Runbook002Schema.execute(url, """
                CREATE TABLE predictions (id bigserial PRIMARY KEY, model_version text NOT NULL,
                  created_at timestamptz NOT NULL, score numeric);
                INSERT INTO predictions (model_version, created_at, score)
                  SELECT '1.0', now() - i * interval '1 minute', i / 100.0 FROM generate_series(1, 1000) i;
                CREATE TABLE ferry_pg_runs (run_id text PRIMARY KEY, plan text NOT NULL, kind text NOT NULL,
                  state text NOT NULL, step text NOT NULL, owner text,
                  started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
                  message text, layout text, checkpoint text);
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
            assertThat(r.planHash()).isNull();
            assertThat(r.state()).isEqualTo(RunState.PAUSED);
        });

        ColumnBackfillPlan plan = backfillPlan("batch_size: 1000", "batch_size: 400");
        RunReport resumed = ferry.run(plan, new RunControl(), RunListener.NONE);
        assertThat(resumed.state()).as(resumed.message()).isEqualTo(RunState.COMPLETED);
        assertThat(resumed.runId()).isEqualTo("pg-old-1");
        assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'ferry_pg_%'"))
                .as("the older journal moved into schema ferry").isEqualTo("0");
        assertThat(ferry.history(null)).singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo("pg-old-1");
            assertThat(r.planHash()).isNull();
            assertThat(r.state()).isEqualTo(RunState.COMPLETED);
        });
    }

    /** Runs the plan for two batches, then leaves the journal as a killed process would: running, no lock held. */
    private static String interruptedConversion(MigrationEngine ferry, UuidKeyPlan plan) throws Exception {
        RunControl control = new RunControl();
        int[] batches = {0};
        RunReport first = ferry.run(plan, control, event -> {
            if (event instanceof RunEvent.BatchDone && ++batches[0] == 2) {
                control.pause("the test stops it after two batches");
            }
        });
        assertThat(first.state()).as(first.message()).isEqualTo(RunState.PAUSED);
        Runbook002Schema.execute(jdbcUrl(ferry), "UPDATE ferry.operation_runs SET state = 'running'");
        return first.runId();
    }

    private static String jdbcUrl(MigrationEngine ferry) {
        return TestPostgres.jdbcUrl(ferry.databaseName());
    }

    /** plans/users-uuid.yaml with {@code from} replaced by {@code to}, in a file of its own (so its own hash). */
    private UuidKeyPlan uuidPlan(String from, String to) throws Exception {
        return (UuidKeyPlan) PostgresPlanLoader.load(edited(Path.of("plans/users-uuid.yaml"), from, to));
    }

    private ColumnBackfillPlan backfillPlan(String from, String to) throws Exception {
        return (ColumnBackfillPlan) PostgresPlanLoader.load(edited(Path.of("plans/predictions-accuracy.yaml"), from, to));
    }

    private Path edited(Path plan, String from, String to) throws Exception {
        String text = Files.readString(plan);
        assertThat(text).contains(from);
        Path copy = dir.resolve(plan.getFileName());
        Files.writeString(copy, text.replace(from, to));
        return copy;
    }
}
