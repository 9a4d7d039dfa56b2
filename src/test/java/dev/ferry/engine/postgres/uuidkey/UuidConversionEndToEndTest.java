package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.Runbook002Schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runbook 002 end to end on a real PostgreSQL 15: 10,000 users and 30,000 journal entries (plus tags and reminders),
 * validate_schema → backup_data → convert → validate_migration → rollback, and every table byte-identical to before.
 */
class UuidConversionEndToEndTest {

    static final Path PLAN = Path.of("plans/users-uuid.yaml");

    @Test
    void convertsValidatesAndRollsBackToIdenticalTables() throws Exception {
        String url = TestPostgres.freshDatabase("uuid_e2e");
        Runbook002Schema.create(url, 10_000, 3);
        Map<String, String> before = Runbook002Schema.checksums(url);
        UuidKeyPlan plan = ((UuidKeyPlan) PostgresPlanLoader.load(PLAN)).withBatchSize(2_000);
        List<RunEvent> events = new ArrayList<>();

        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan, events::add, new RunControl());
            SchemaReport schema = ops.validateSchema();
            assertThat(schema.ok()).as(String.join("\n", schema.blockers())).isTrue();
            assertThat(schema.changes()).extracting(c -> c.table() + "." + c.column()).containsExactlyInAnyOrder(
                    "users.id", "journal_entries.user_id", "tags.user_id", "reminders.user_id");
            SchemaReport.ColumnChange ids = schema.changes().stream().filter(c -> c.table().equals("users")).findFirst()
                    .orElseThrow();
            assertThat(ids.normalised()).isEqualTo(20 + 14 - 2); // upper case every 500th, braces every 700th (not both)
            assertThat(schema.notes()).anyMatch(n -> n.contains("users.id will be normalised"));
            assertThat(schema.notes()).anyMatch(n -> n.contains("reminders.user_id are NULL"));

            assertThat(ops.backupData().rows()).containsEntry("users", 10_000L).containsEntry("journal_entries", 30_000L);
            UuidConversionReport converted = ops.convert();
            assertThat(converted.ok()).as(String.join("\n", converted.lines())).isTrue();
            assertThat(converted.lockMillis()).isLessThan(1000);
            assertThat(events).anyMatch(e -> e instanceof RunEvent.BatchDone);

            ValidationReport validation = ops.validateMigration();
            assertThat(validation.passed()).as(validation.checks().toString()).isTrue();
            assertThat(Runbook002Schema.scalar(url, "SELECT string_agg(DISTINCT data_type, ',') FROM"
                    + " information_schema.columns WHERE table_schema = 'public' AND column_name IN ('id', 'user_id')"
                    + " AND table_name IN ('users', 'journal_entries', 'tags', 'reminders') AND NOT (table_name IN"
                    + " ('journal_entries', 'tags', 'reminders') AND column_name = 'id')")).isEqualTo("uuid");
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM journal_entries WHERE user_id NOT IN"
                    + " (SELECT id FROM users)")).isEqualTo("0");
            // sequences and identity go on where they were
            Runbook002Schema.execute(url, "INSERT INTO tags (user_id, name) SELECT id, 'after' FROM users LIMIT 1");
            Runbook002Schema.execute(url, "INSERT INTO reminders (user_id, note) VALUES (NULL, 'after')");
            assertThat(Runbook002Schema.scalar(url, "SELECT max(id) FROM reminders")).isEqualTo("5001");

            assertThat(ops.rollbackPreview()).hasValueSatisfying(p -> assertThat(p).contains("move the originals back"));
            UuidConversionReport rollback = ops.rollback();
            assertThat(rollback.ok()).as(String.join("\n", rollback.lines())).isTrue();
            assertThat(rollback.lockMillis()).isLessThan(1000);
            assertThat(Runbook002Schema.checksums(url)).isEqualTo(before);
            assertThat(Runbook002Schema.scalar(url, "SELECT data_type FROM information_schema.columns WHERE"
                    + " table_name = 'users' AND column_name = 'id' AND table_schema = 'public'"))
                    .isEqualTo("character varying");
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"
                    + " AND convalidated AND conrelid::regclass::text IN ('journal_entries', 'tags', 'reminders')"))
                    .isEqualTo("3");
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM migration_log WHERE status = 'completed'"
                    + " AND operation IN ('validate_schema', 'backup_data', 'convert', 'validate_migration', 'rollback')"))
                    .isEqualTo("5");

            FullMigrationReport full = ops.fullMigration();
            assertThat(full.ok()).as(String.valueOf(full)).isTrue();
            assertThat(ops.cleanupBackup().ok()).isTrue();
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_namespace WHERE nspname = 'migration_backup'"))
                    .isEqualTo("0");
            assertThat(ops.status().step()).isEqualTo("CLEANED");
        }
    }
}
