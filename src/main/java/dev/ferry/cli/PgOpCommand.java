package dev.ferry.cli;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.postgres.backfill.BackfillOperations;
import dev.ferry.engine.postgres.uuidkey.UuidKeyOperations;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.plan.PostgresPlan;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry pg op OPERATION}: one operation of a PostgreSQL plan by its runbook name. For a uuid-key-conversion
 * plan: validate_schema, backup_data, convert, validate_migration, rollback, cleanup_backup, status, full_migration.
 * For a postgres-operations plan: up, backfill, incremental --since, validate, down, status.
 */
@Command(name = "op", description = "Run one operation of a PostgreSQL plan. uuid-key-conversion: "
        + "validate_schema, backup_data, convert, validate_migration, rollback, cleanup_backup, status, full_migration."
        + " postgres-operations: up, backfill, incremental, validate, down, status.")
final class PgOpCommand extends Verb {

    @Parameters(index = "0", paramLabel = "OPERATION", description = "the operation, by its runbook name")
    String operation;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--plan", paramLabel = "FILE", required = true, description = "the PostgreSQL plan (YAML or JSON)")
    Path planFile;

    @Option(names = "--yes", description = "confirm rollback / cleanup_backup / down without typing the plan name")
    boolean yes;

    @Option(names = "--since", paramLabel = "WHEN", description = "incremental: rows created since, e.g. 24h, 90m, 7d"
            + " or 2025-01-31T12:00:00Z")
    String since;

    @Option(names = "--batch-size", paramLabel = "N", description = "rows per batch (overrides the plan)")
    Integer batchSize;

    @Override
    public Integer call() {
        PostgresPlan plan = load();
        String uri = database.resolve(terminal());
        if (!PostgresStore.isPostgresUri(uri)) {
            throw new CliUsageException("`ferry pg op` works on PostgreSQL: pass --uri jdbc:postgresql://host:5432/db?user=…");
        }
        String op = operation.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        RunControl control = new RunControl();
        try (CancelOnInterrupt interrupt = CancelOnInterrupt.install(control, notes());
             PostgresStore store = PostgresStore.connect(uri)) {
            if (plan instanceof UuidKeyPlan uuid) {
                UuidKeyPlan sized = batchSize == null ? uuid : uuid.withBatchSize(batchSize);
                return new PgUuidOperation(this, sized, store, control).run(op);
            }
            return new PgBackfillOperation(this, (ColumnBackfillPlan) plan, store, control).run(op, since);
        }
    }

    private PostgresPlan load() {
        Path abs = planFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new CliUsageException("Plan file not found: " + abs + ". Check the path given to --plan.");
        }
        if (!PostgresPlanLoader.isPostgresPlan(planFile)) {
            throw new CliUsageException("Plan " + planFile + " is not a PostgreSQL operation plan (it needs `kind: "
                    + UuidKeyPlan.KIND + "` or `kind: " + ColumnBackfillPlan.KIND + "`). Split plans run with `ferry run`.");
        }
        return PostgresPlanLoader.load(planFile);
    }

    /** Typed plan name or --yes, as for `ferry rollback`; throws (exit 2, nothing changed) when not confirmed. */
    void confirm(String planName, String what) {
        RollbackConfirmation.confirm(terminal(), notes(), planName, yes, "ferry pg op " + what + " --uri … --plan "
                + planFile + " --yes");
    }

    static int unknown(String op, java.util.List<String> known, String kind) {
        throw new CliUsageException("Unknown operation '" + op + "' for a " + kind + " plan; expected one of " + known
                + PgText.closest(op, known));
    }
}
