package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a kind says about itself, and the plain data every plan gives, so screens and verbs need not ask its class. */
class PlanKindTest {

    @Test
    void aKindListsItsRunbookOperationsAndFindsThemHoweverTheyAreSpelt() {
        assertThat(PlanKind.SPLIT.operations()).isEmpty();
        assertThat(PlanKind.UUID_KEY_CONVERSION.operations()).extracting(PlanKind.Operation::name)
                .startsWith("validate_schema", "backup_data", "convert").contains("full_migration", "cleanup_backup");
        assertThat(PlanKind.UUID_KEY_CONVERSION.operation(" Full-Migration ")).map(PlanKind.Operation::name)
                .contains("full_migration");
        assertThat(PlanKind.COLUMN_BACKFILL.operation("convert")).isEmpty();
        assertThat(PlanKind.COLUMN_BACKFILL.operation(null)).isEmpty();
    }

    @Test
    void aKindNamesItsRecordsAndWordsItsRollback() {
        assertThat(PlanKind.SPLIT.records(1, "1")).isEqualTo("1 document");
        assertThat(PlanKind.COLUMN_BACKFILL.records(2_000, "2,000")).isEqualTo("2,000 rows");
        assertThat(PlanKind.UUID_KEY_CONVERSION.unit()).isEqualTo("rows");
        assertThat(PlanKind.SPLIT.words().delete("dataset_metadata", "3 documents"))
                .isEqualTo("delete 3 documents the run inserted into dataset_metadata");
        assertThat(PlanKind.UUID_KEY_CONVERSION.words().restore("users", "600 rows"))
                .isEqualTo("put back the original users (600 rows)");
        assertThat(PlanKind.COLUMN_BACKFILL.words().undoFrom()).isNull();
        assertThat(PlanKind.SPLIT.supports(PlanKind.Capability.QUARANTINE)).isTrue();
        assertThat(PlanKind.UUID_KEY_CONVERSION.supports(PlanKind.Capability.QUARANTINE)).isFalse();
    }

    @Test
    void everyPlanNamesWhatItReadsAndWritesAsAssessNamesTables() {
        UuidKeyPlan inCrm = new UuidKeyPlan("u", Path.of("u.yaml"), "h", "crm", "users", "id", 100, "migration_backup",
                2_000, 20, null, List.of());
        assertThat(inCrm.sourceName()).isEqualTo("crm.users");
        assertThat(inCrm.targetNames()).containsExactly("crm.users");
        ColumnBackfillPlan backfill = new ColumnBackfillPlan("p", Path.of("p.yaml"), "h", "public", "predictions",
                List.of(), List.of(), new ColumnBackfillPlan.Backfill("a", "0.85", null, 1_000), null, null, null);
        assertThat(backfill.sourceName()).isEqualTo("predictions");
        assertThat(backfill.withBatchSize(50).batchSize()).isEqualTo(50);
        assertThat(backfill.withBatchSize(50).hash()).isEqualTo("h");
        assertThat(backfill.checks()).isEmpty();
        Plan split = PlanLoader.load(Path.of("plans", "user-data-split.yaml"));
        assertThat(split.sourceName()).isEqualTo("user_data");
        assertThat(split.targetNames()).containsExactly("dataset_metadata", "transformation_configs");
        assertThat(split.withChecks(List.of(split.checks().get(0))).checks()).hasSize(1);
    }
}
