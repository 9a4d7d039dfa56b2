package dev.ferry.engine.postgres;

import dev.ferry.engine.MigrationEngine;

import dev.ferry.engine.connect.Engines;

import dev.ferry.engine.postgres.backfill.BackfillOperations;
import dev.ferry.engine.postgres.backfill.Runbook003BackfillTest;
import dev.ferry.engine.postgres.uuidkey.UuidKeyOperations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL dry run's storage, against what the server measures once the operation is done: the shadow tables of
 * a uuid conversion (the tables after the swap), the values a backfill writes.
 */
class PostgresDryRunStorageTest {

    @Test
    void aUuidConversionsStorageIsTheShadowTablesSizeWithinAFactorOfTwo() throws Exception {
        String url = TestPostgres.freshDatabase("uuid_storage");
        Runbook002Schema.create(url, 5_000, 3);
        UuidKeyPlan plan = ((UuidKeyPlan) PostgresPlanLoader.load(Path.of("plans/users-uuid.yaml"))).withBatchSize(2_000);
        DryRunReport dry;
        try (MigrationEngine ferry = Engines.connect(url)) {
            dry = ferry.dryRun(plan, RunListener.NONE);
        }
        assertThat(dry.estimatedBytes()).isPositive();
        assertThat(dry.targets()).extracting(DryRunReport.TargetEstimate::collection)
                .containsExactlyInAnyOrderElementsOf(Runbook002Schema.TABLES);
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl());
            assertThat(ops.backupData().ok()).isTrue();
            assertThat(ops.convert().ok()).isTrue();
        }
        long actualTotal = 0;
        for (DryRunReport.TargetEstimate t : dry.targets()) {
            // after the swap the shadows are the tables in public
            long actual = Long.parseLong(Runbook002Schema.scalar(url, "SELECT pg_total_relation_size('public."
                    + t.collection() + "')"));
            System.out.printf("%s: estimated %,d bytes, shadow after the conversion %,d bytes%n", t.collection(),
                    t.bytes(), actual);
            assertThat(t.bytes()).as(t.collection()).isBetween(actual / 2, actual * 2);
            actualTotal += actual;
        }
        assertThat(dry.estimatedBytes()).isBetween(actualTotal / 2, actualTotal * 2);
        long originals = Long.parseLong(Runbook002Schema.scalar(url, "SELECT sum(pg_total_relation_size(c.oid)) FROM"
                + " pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '"
                + plan.backupSchema() + "' AND c.relkind = 'r'"));
        assertThat(dry.estimatedBytes()).as("uuid keys are smaller than their text").isLessThan(originals);
    }

    @Test
    void aBackfillsStorageIsTheBytesOfTheValuesItWrites() throws Exception {
        String url = TestPostgres.freshDatabase("backfill_storage");
        Runbook002Schema.execute(url, """
                CREATE TABLE predictions (id bigserial PRIMARY KEY, model_version text NOT NULL,
                  created_at timestamptz NOT NULL, score numeric);
                INSERT INTO predictions (model_version, created_at, score)
                  SELECT CASE WHEN i % 4 = 0 THEN '2.0' ELSE '1.0' END, now() - interval '30 days' + i * interval '1 minute',
                  i / 100.0 FROM generate_series(1, 4000) i;
                """);
        ColumnBackfillPlan plan = (ColumnBackfillPlan) PostgresPlanLoader.load(Runbook003BackfillTest.PLAN);
        DryRunReport dry;
        try (MigrationEngine ferry = Engines.connect(url)) {
            dry = ferry.dryRun(plan, RunListener.NONE);
        }
        try (PostgresStore store = PostgresStore.connect(url)) {
            BackfillOperations ops = new BackfillOperations(store, plan, RunListener.NONE, new RunControl());
            assertThat(ops.up().ok()).isTrue();
            assertThat(ops.backfill().ok()).isTrue();
        }
        long written = Long.parseLong(Runbook002Schema.scalar(url,
                "SELECT sum(pg_column_size(model_accuracy)) FROM predictions"));
        System.out.printf("backfill: estimated %,d bytes, values written %,d bytes%n", dry.estimatedBytes(), written);
        assertThat(dry.estimatedBytes()).isEqualTo(3_000 * 8L).isEqualTo(written); // 3,000 double precision values
        assertThat(dry.targets().get(0).bytes()).isEqualTo(dry.estimatedBytes());
    }
}
