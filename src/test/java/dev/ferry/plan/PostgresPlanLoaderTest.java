package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The PostgreSQL plan kinds load from the shipped files, and their faults are reported at file:line:column. */
class PostgresPlanLoaderTest {

    @Test
    void shippedPlansLoad() {
        UuidKeyPlan uuid = (UuidKeyPlan) PostgresPlanLoader.load(Path.of("plans/users-uuid.yaml"));
        assertThat(uuid.table()).isEqualTo("users");
        assertThat(uuid.column()).isEqualTo("id");
        assertThat(uuid.backupSchema()).isEqualTo("migration_backup");
        ColumnBackfillPlan backfill = (ColumnBackfillPlan) PostgresPlanLoader.load(Path.of("plans/predictions-accuracy.yaml"));
        assertThat(backfill.addColumns()).extracting(ColumnBackfillPlan.NewColumn::name)
                .containsExactly("model_accuracy", "feature_importance");
        assertThat(backfill.backfill().filter()).isEqualTo("model_version = '1.0'");
        assertThat(PostgresPlanLoader.isPostgresPlan(Path.of("plans/users-uuid.yaml"))).isTrue();
        assertThat(PostgresPlanLoader.isPostgresPlan(Path.of("plans/user-data-split.yaml"))).isFalse();
    }

    @Test
    void unknownKindIsNamedWithTheClosestKind() {
        assertThatThrownBy(() -> PostgresPlanLoader.parse("name: x\nkind: uuid-key-convert\n", "p.yaml"))
                .hasMessageContaining("p.yaml:2:7: kind: unknown plan kind 'uuid-key-convert'")
                .hasMessageContaining("did you mean 'uuid-key-conversion'");
    }

    @Test
    void everyFaultIsReportedWithItsLocation() {
        String text = """
                kind: postgres-operations
                name: bad
                add_columns:
                  - { name: a }
                backfill:
                  column: a
                  expression: "1; DROP TABLE users"
                  batch_size: 0
                """;
        assertThatThrownBy(() -> PostgresPlanLoader.parse(text, "bad.yaml"))
                .hasMessageContaining("bad.yaml:1:1: missing required key 'table'")
                .hasMessageContaining("bad.yaml:4:5: add_columns[0]: missing required key 'type'")
                .hasMessageContaining("bad.yaml:7:15: backfill.expression: may not contain ';'")
                .hasMessageContaining("bad.yaml:8:15: backfill.batch_size: must be between 1 and 1,000,000, got 0");
    }
}
