package dev.ferry.engine.postgres;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.MigrationLogTable;
import dev.ferry.store.postgres.PostgresJournal;
import dev.ferry.store.postgres.PostgresStore;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Runbook 002's operations by name, for a {@code uuid-key-conversion} plan: the CLI's {@code ferry pg op} and the
 * facade's verbs call these. Each is logged in migration_log.
 */
public final class UuidKeyOperations {

    public static final List<String> NAMES = List.of("validate_schema", "backup_data", "convert", "validate_migration",
            "rollback", "cleanup_backup", "status", "full_migration");

    private final ConversionSession session;
    private final UuidKeyConversion conversion;

    public UuidKeyOperations(PostgresStore store, UuidKeyPlan plan, RunListener listener, RunControl control) {
        this.conversion = new UuidKeyConversion(store, plan, listener, control);
        this.session = new ConversionSession(store, plan, listener, control);
    }

    public SchemaReport validateSchema() {
        return conversion.validateSchema();
    }

    public UuidConversionReport backupData() {
        return conversion.backupData();
    }

    public UuidConversionReport convert() {
        return conversion.convert();
    }

    public ValidationReport validateMigration() {
        return logged("validate_migration", () -> new UuidMigrationChecks(session).validate(),
                r -> r.passed() ? r.checks().size() + " checks passed" : "failed: " + r.checks().stream()
                        .filter(c -> c.status() != dev.ferry.engine.CheckResult.CheckStatus.PASSED)
                        .map(c -> c.name() + " (" + c.summary() + ")").toList(), ValidationReport::passed);
    }

    /** What {@link #rollback()} would do, or empty when there is nothing to roll back. */
    public Optional<String> rollbackPreview() {
        try {
            return new UuidKeyRollback(session).preview();
        } catch (SQLException e) {
            throw session.failure("read the journal", e);
        }
    }

    public UuidConversionReport rollback() {
        return leased("rollback", () -> new UuidKeyRollback(session).rollback());
    }

    public UuidConversionReport cleanupBackup() {
        return leased("cleanup_backup", () -> new UuidKeyRollback(session).cleanup());
    }

    public ConversionStatus status() {
        try {
            List<MigrationLogTable.Entry> log = new MigrationLogTable(session.store.connection(), session.plan.schema())
                    .recent(20);
            Optional<PostgresJournal.RunRow> run = session.journal.latest(session.plan.name());
            if (run.isEmpty()) {
                return new ConversionStatus(session.plan.name(), null, null, null, 0, 0, null, null, null, log);
            }
            PostgresJournal.RunRow r = run.get();
            long total = 0;
            try {
                total = new BackupCounts(session, r.runId(), session.recordedLayout(r.runId())).recorded().values()
                        .stream().mapToLong(Long::longValue).sum();
            } catch (RuntimeException noCountsYet) {
                total = -1;
            }
            return new ConversionStatus(session.plan.name(), r.runId(), r.step(), r.state(),
                    session.journal.rowsDone(r.runId()), total, r.startedAt(), r.updatedAt(), r.message(), log);
        } catch (SQLException e) {
            throw session.failure("read the status", e);
        }
    }

    public FullMigrationReport fullMigration() {
        String name = session.plan.name();
        SchemaReport schema = validateSchema();
        if (!schema.ok()) {
            return new FullMigrationReport(name, false, "validate_schema", schema, null, null, null);
        }
        UuidConversionReport backup = backupData();
        if (!backup.ok()) {
            return new FullMigrationReport(name, false, "backup_data", schema, backup, null, null);
        }
        UuidConversionReport converted = convert();
        if (!converted.ok()) {
            return new FullMigrationReport(name, false, "convert", schema, backup, converted, null);
        }
        ValidationReport validation = validateMigration();
        return new FullMigrationReport(name, validation.passed(), validation.passed() ? null : "validate_migration",
                schema, backup, converted, validation);
    }

    private interface Step<T> {
        T run() throws SQLException;
    }

    private <T> T logged(String operation, Step<T> step, java.util.function.Function<T, Object> summary,
                         java.util.function.Predicate<T> ok) {
        try {
            return session.log.record(operation, null, step::run, r -> String.valueOf(summary.apply(r)), ok);
        } catch (SQLException e) {
            throw session.failure(operation.replace('_', ' '), e);
        }
    }

    private UuidConversionReport leased(String operation, Step<UuidConversionReport> step) {
        try {
            session.lease();
            try {
                return logged(operation, step, r -> String.join(" ", r.lines()), UuidConversionReport::ok);
            } finally {
                session.releaseLease();
            }
        } catch (SQLException e) {
            throw session.failure(operation.replace('_', ' '), e);
        }
    }
}
