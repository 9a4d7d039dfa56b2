package dev.ferry.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryException;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.OperationReport;
import dev.ferry.engine.OperationRequest;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.MigrationPlans;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runbooks' operations by name through the engine API ({@code MigrationEngine.operate}), as {@code ferry pg op}
 * runs them, on a real PostgreSQL 15: each answers with an OperationReport, the destructive ones ask to be confirmed
 * only when there is something to destroy, and a name the kind does not list is refused before anything runs.
 */
class RunbookOperationsTest {

    private static final MigrationPlan UUID = MigrationPlans.load(Path.of("plans", "users-uuid.yaml"));
    private static final MigrationPlan BACKFILL = MigrationPlans.load(Path.of("plans", "predictions-accuracy.yaml"));

    @Test
    void aKeyConversionRunsItsOperationsByNameAndAsksBeforeItDestroys() throws Exception {
        String url = TestPostgres.freshDatabase("operate_uuid");
        Runbook002Schema.create(url, 200, 2);
        Map<String, String> before = Runbook002Schema.checksums(url);
        try (MigrationEngine engine = Engines.connect(url)) {
            assertThat(engine.confirmation(UUID, "rollback")).as("nothing to roll back yet").isEmpty();
            assertThat(engine.confirmation(UUID, "validate_schema")).isEmpty();
            assertThat(engine.confirmation(UUID, "cleanup_backup")).get().asString()
                    .contains("drops the backup tables in migration_backup");

            OperationReport schema = operate(engine, UUID, "Validate-Schema");
            assertThat(schema.ok()).as(String.join("\n", schema.lines())).isTrue();
            assertThat(schema.operation()).isEqualTo("validate_schema");
            assertThat(schema.grids()).first().satisfies(g -> {
                assertThat(g.columns()).startsWith("column", "type now");
                assertThat(g.rows()).extracting(r -> r.get(0)).containsExactlyInAnyOrder("users.id",
                        "journal_entries.user_id", "tags.user_id", "reminders.user_id");
            });

            OperationReport converted = operate(engine, UUID, "convert");
            assertThat(converted.ok()).as(String.join("\n", converted.lines())).isTrue();
            assertThat(converted.runId()).isNotBlank();
            assertThat(converted.state()).isEqualTo("step swapped");
            assertThat(converted.counts()).containsEntry("users", 200L);

            OperationReport status = operate(engine, UUID, "status");
            assertThat(status.state()).isEqualTo("completed at step swapped");
            assertThat(status.grids().get(0).rows()).extracting(r -> r.get(0)).contains("convert", "validate_schema");

            assertThat(engine.confirmation(UUID, "rollback")).get().asString().contains("move the originals back");
            OperationReport back = operate(engine, UUID, "rollback");
            assertThat(back.ok()).as(String.join("\n", back.lines())).isTrue();
        }
        assertThat(Runbook002Schema.checksums(url)).isEqualTo(before);
    }

    @Test
    void namesTheKindDoesNotListAreRefusedBeforeAnythingRuns() throws Exception {
        String url = TestPostgres.freshDatabase("operate_refused");
        Runbook002Schema.create(url, 20, 1);
        try (MigrationEngine engine = Engines.connect(url)) {
            assertThatThrownBy(() -> operate(engine, UUID, "backfill")).isInstanceOf(FerryException.class)
                    .hasMessageContaining("Unknown operation 'backfill' for a uuid-key-conversion plan")
                    .satisfies(e -> assertThat(((FerryException) e).exitCode()).isEqualTo(2));
            assertThatThrownBy(() -> operate(engine, UUID, "conver")).hasMessageContaining("did you mean 'convert'?");
            assertThatThrownBy(() -> operate(engine, BACKFILL, "incremental")).isInstanceOf(FerryException.class)
                    .hasMessageContaining("incremental needs a start");
            assertThat(engine.confirmation(BACKFILL, "down")).get().asString()
                    .contains("down drops 1 index(es) and the columns [model_accuracy, feature_importance]");
            MigrationPlan split = MigrationPlans.load(Path.of("plans", "user-data-split.yaml"));
            assertThatThrownBy(() -> operate(engine, split, "up")).isInstanceOf(FerryException.class)
                    .hasMessageContaining("A split plan has no runbook operations to run by name");
        }
        assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_tables WHERE tablename = 'migration_log'"))
                .as("nothing ran, not even the log").isEqualTo("0");
    }

    private static OperationReport operate(MigrationEngine engine, MigrationPlan plan, String name) {
        return engine.operate(plan, OperationRequest.named(name), new RunControl(), RunListener.NONE);
    }
}
