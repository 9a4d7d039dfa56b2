package dev.ferry.cli;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.postgres.uuidkey.ConversionStatus;
import dev.ferry.engine.postgres.uuidkey.FullMigrationReport;
import dev.ferry.engine.postgres.uuidkey.SchemaReport;
import dev.ferry.engine.postgres.uuidkey.UuidConversionReport;
import dev.ferry.engine.postgres.uuidkey.UuidKeyOperations;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import java.io.PrintWriter;
import java.util.Optional;

/** Runs one runbook 002 operation for {@link PgOpCommand} and prints its report; returns the exit code. */
final class PgUuidOperation {

    private final PgOpCommand verb;
    private final UuidKeyPlan plan;
    private final PostgresStore store;
    private final RunControl control;

    PgUuidOperation(PgOpCommand verb, UuidKeyPlan plan, PostgresStore store, RunControl control) {
        this.verb = verb;
        this.plan = plan;
        this.store = store;
        this.control = control;
    }

    int run(String op) {
        PrintWriter out = verb.out();
        switch (op) {
            case "validate_schema" -> {
                SchemaReport r = ops(null).validateSchema();
                return print(r, () -> PgText.schema(r, out), r.ok());
            }
            case "backup_data" -> {
                UuidConversionReport r = ops(null).backupData();
                return print(r, () -> PgText.conversion(r, out), r.ok());
            }
            case "convert", "migrate_users", "migrate_foreign_keys" -> {
                if (!op.equals("convert")) {
                    verb.notes().println("note: " + op + " is part of convert (users.id and every column referencing it"
                            + " convert together); running convert.");
                }
                UuidConversionReport r;
                try (CliProgress progress = verb.progress(EngineJob.PG_RUN, plan.batchSize())) {
                    r = ops(progress).convert();
                }
                return print(r, () -> PgText.conversion(r, out), r.ok());
            }
            case "validate_migration" -> {
                ValidationReport r = ops(null).validateMigration();
                return print(r, () -> ValidateCommand.print(r, out, verb.verbose()), r.passed());
            }
            case "rollback" -> {
                UuidKeyOperations ops = ops(null);
                Optional<String> preview = ops.rollbackPreview();
                if (preview.isPresent()) {
                    verb.notes().println(preview.get());
                    verb.confirm(plan.name(), "rollback");
                }
                UuidConversionReport r = ops.rollback();
                return print(r, () -> PgText.conversion(r, out), r.ok());
            }
            case "cleanup_backup" -> {
                verb.notes().println("cleanup_backup drops the backup tables in " + plan.backupSchema()
                        + ": after it there is no rollback.");
                verb.confirm(plan.name(), "cleanup_backup");
                UuidConversionReport r = ops(null).cleanupBackup();
                return print(r, () -> PgText.conversion(r, out), r.ok());
            }
            case "status" -> {
                ConversionStatus r = ops(null).status();
                return print(r, () -> PgText.status(r, out), true);
            }
            case "full_migration" -> {
                FullMigrationReport r;
                try (CliProgress progress = verb.progress(EngineJob.PG_RUN, plan.batchSize())) {
                    r = ops(progress).fullMigration();
                }
                return print(r, () -> full(r, out), r.ok());
            }
            default -> {
                return PgOpCommand.unknown(op, UuidKeyOperations.NAMES, UuidKeyPlan.KIND);
            }
        }
    }

    private static void full(FullMigrationReport r, PrintWriter out) {
        if (r.schema() != null) {
            PgText.schema(r.schema(), out);
        }
        if (r.backup() != null) {
            PgText.conversion(r.backup(), out);
        }
        if (r.conversion() != null) {
            PgText.conversion(r.conversion(), out);
        }
        if (r.validation() != null) {
            ValidateCommand.print(r.validation(), out, false);
        }
        out.println(r.ok() ? "✓ full_migration complete." : "✗ full_migration stopped at " + r.stoppedAt() + ".");
    }

    private UuidKeyOperations ops(CliProgress progress) {
        return new UuidKeyOperations(store, plan, progress == null ? dev.ferry.engine.RunListener.NONE : progress, control);
    }

    private int print(Object report, Runnable text, boolean ok) {
        if (verb.json()) {
            verb.printJson(report);
        } else {
            text.run();
        }
        return ok ? Verb.OK : Verb.CHECK_FAILED;
    }
}
