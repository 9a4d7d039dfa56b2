package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.DatabaseAway;
import dev.ferry.engine.postgres.RetryingOperation;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.MigrationLogTable;
import dev.ferry.store.postgres.PostgresJournal;
import dev.ferry.store.postgres.PostgresStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runbook 002's operations by name, for a {@code uuid-key-conversion} plan: the CLI's {@code ferry pg op} and the
 * facade's verbs call these. Each is logged in migration_log.
 */
public final class UuidKeyOperations {

    public static final List<String> NAMES = List.of("validate_schema", "backup_data", "convert", "validate_migration",
            "rollback", "cleanup_backup", "status", "full_migration");

    private final PostgresStore store;
    private final UuidKeyPlan plan;
    private final RunControl control;
    private final RetryingOperation retrying;
    private ConversionSession session;
    private UuidKeyConversion conversion;

    public UuidKeyOperations(PostgresStore store, UuidKeyPlan plan, RunListener listener, RunControl control) {
        this.store = store;
        this.plan = plan;
        this.control = control;
        this.retrying = new RetryingOperation(store, plan, listener, control);
        bind();
    }

    /** Sessions on the store's current connection: a retry reconnects, and the journal must follow. */
    private void bind() {
        if (store.connectionLost()) { // an earlier operation lost it and gave up waiting
            store.reconnect();
        }
        if (session == null || session.connection != store.connection()) {
            conversion = new UuidKeyConversion(store, plan, retrying.listener(), control);
            session = new ConversionSession(store, plan, retrying.listener(), control);
        }
    }

    private <T> T retrying(String operation, Supplier<T> work) {
        return retrying.run(operation, () -> {
            bind();
            return work.get();
        });
    }

    public SchemaReport validateSchema() {
        return retrying("validate_schema", () -> conversion.validateSchema());
    }

    public UuidConversionReport backupData() {
        return retrying("backup_data", () -> conversion.backupData());
    }

    /**
     * The conversion, from wherever the run stands. When the database goes away it waits and resumes by itself; past
     * {@code -Dferry.retry.max} it returns a report that is not ok and says how to resume.
     */
    public UuidConversionReport convert() {
        Instant t0 = Instant.now();
        try {
            return retrying("convert", () -> conversion.convert());
        } catch (DatabaseAway e) {
            return new UuidConversionReport(plan.name(), e.runId, "convert", false, "PAUSED", Map.of(), 0, Map.of(),
                    Duration.between(t0, Instant.now()), false, List.of(e.getMessage()));
        }
    }

    public ValidationReport validateMigration() {
        return retrying("validate_migration", () -> logged("validate_migration", () -> new UuidMigrationChecks(session).validate(),
                r -> r.passed() ? r.checks().size() + " checks passed" : "failed: " + r.checks().stream()
                        .filter(c -> c.status() != dev.ferry.engine.CheckResult.CheckStatus.PASSED)
                        .map(c -> c.name() + " (" + c.summary() + ")").toList(), ValidationReport::passed));
    }

    /** What {@link #rollback()} would do, or empty when there is nothing to roll back. */
    public Optional<String> rollbackPreview() {
        bind();
        try {
            return new UuidKeyRollback(session).preview();
        } catch (SQLException e) {
            throw session.failure("read the journal", e);
        }
    }

    public UuidConversionReport rollback() {
        return retrying("rollback", () -> leased("rollback", () -> new UuidKeyRollback(session).rollback()));
    }

    public UuidConversionReport cleanupBackup() {
        return retrying("cleanup_backup", () -> leased("cleanup_backup", () -> new UuidKeyRollback(session).cleanup()));
    }

    /** Where the plan's run stands; a run the journal calls running whose lease nobody holds shows as interrupted. */
    public ConversionStatus status() {
        bind();
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
            boolean dead = r.state().equals("running") && !session.journal.leaseHeld(session.plan.name());
            String message = dead ? "no Ferry session holds the plan's lease: the process stopped or lost the"
                    + " database; run convert again to resume from the last committed batch, or rollback"
                    : r.message();
            return new ConversionStatus(session.plan.name(), r.runId(), r.step(), dead ? "interrupted" : r.state(),
                    session.journal.batches().rowsDone(r.runId()), total, r.startedAt(), r.updatedAt(), message, log);
        } catch (SQLException e) {
            throw session.failure("read the status", e);
        }
    }

    /**
     * validate_schema, backup_data, convert, validate_migration. Run again after a crash, it goes on with the plan's
     * run: validate_schema is for a fresh start (it refuses tables that are already converted), so it is skipped.
     */
    public FullMigrationReport fullMigration() {
        String name = plan.name();
        SchemaReport schema = null;
        if (!resuming()) {
            schema = validateSchema();
            if (!schema.ok()) {
                return new FullMigrationReport(name, false, "validate_schema", schema, null, null, null);
            }
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

    private boolean resuming() {
        return retrying("full_migration", () -> {
            try {
                return session.activeRun().isPresent();
            } catch (SQLException e) {
                throw session.failure("read the journal", e);
            }
        });
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
