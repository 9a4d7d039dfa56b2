package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.Runbook002Schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * Journal states a crash can leave that the crash trials showed or that reading them turned up: a run recorded
 * without its row counts (backup_data used to commit them apart from the run), and full_migration run again after
 * a kill that came past the swap (it used to stop at validate_schema, which refuses converted tables).
 */
class UuidResumeEdgesTest {

    private static UuidKeyPlan plan() {
        return ((UuidKeyPlan) PostgresPlanLoader.load(UuidConversionEndToEndTest.PLAN)).withBatchSize(100);
    }

    @Test
    void aRunRecordedWithoutItsCountsIsCountedAgainAndConverts() throws Exception {
        String url = TestPostgres.freshDatabase("uuid_no_counts");
        Runbook002Schema.create(url, 500, 2);
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan(), RunListener.NONE, new RunControl());
            assertThat(ops.backupData().ok()).isTrue();
            Runbook002Schema.execute(url, "DELETE FROM ferry.operation_tables WHERE table_name IN ('tags', 'reminders')");
            assertThat(ops.status().rowsTotal()).isEqualTo(-1);

            UuidConversionReport converted = ops.convert();
            assertThat(converted.ok()).as("%s", converted.lines()).isTrue();
            assertThat(ops.validateMigration().passed()).isTrue();
        }
        assertThat(Runbook002Schema.scalar(url, "SELECT sum(rows) FROM ferry.operation_batches")).isEqualTo("2000");
        assertThat(Runbook002Schema.scalar(url, "SELECT sum(rows_before) FROM ferry.operation_tables")).isEqualTo("2000");
    }

    @Test
    void aRunRecordedWithoutItsCountsIsCountedAgainByBackupData() throws Exception {
        String url = TestPostgres.freshDatabase("uuid_no_counts_backup");
        Runbook002Schema.create(url, 200, 1);
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan(), RunListener.NONE, new RunControl());
            assertThat(ops.backupData().ok()).isTrue();
            Runbook002Schema.execute(url, "DELETE FROM ferry.operation_tables");
            UuidConversionReport again = ops.backupData();
            assertThat(again.ok()).isTrue();
            assertThat(again.rows()).containsEntry("users", 200L).containsEntry("journal_entries", 200L);
        }
    }

    @Test
    void fullMigrationRunAgainAfterTheSwapGoesOnToValidation() throws Exception {
        String url = TestPostgres.freshDatabase("uuid_full_again");
        Runbook002Schema.create(url, 500, 2);
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan(), RunListener.NONE, new RunControl());
            assertThat(ops.convert().ok()).isTrue(); // as if full_migration was killed while it validated

            FullMigrationReport again = ops.fullMigration();
            assertThat(again.ok()).as("%s", again).isTrue();
            assertThat(again.schema()).isNull();
            assertThat(again.conversion().lines()).anyMatch(l -> l.contains("Already converted"));
            assertThat(again.validation().passed()).isTrue();
        }
    }
}
