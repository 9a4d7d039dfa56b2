package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.OperationReport;
import dev.ferry.engine.OperationRequest;
import dev.ferry.engine.RunControl;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanKind;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry pg op OPERATION}: one of the runbook operations the plan's kind lists, by its runbook name, through
 * the engine API ({@code MigrationEngine.operate}) like every other verb.
 */
@Command(name = "op", description = "Run one operation of a PostgreSQL plan by its runbook name. uuid-key-conversion: "
        + "validate_schema, backup_data, convert, validate_migration, rollback, cleanup_backup, status, full_migration."
        + " postgres-operations: dry_run, up, backfill, incremental, validate, down, run, status.")
final class PgOpCommand extends Verb {

    @Parameters(index = "0", paramLabel = "OPERATION", description = "the operation, by its runbook name")
    String operation;

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Mixin
    BatchSizeOption batchSize;

    @Mixin
    SinceOption since;

    @Option(names = "--yes", description = "confirm rollback / cleanup_backup / down without typing the plan name")
    boolean yes;

    @Override
    public Integer call() {
        MigrationPlan loaded = batchSize.apply(plan.load());
        PlanKind.Operation op = loaded.kind().operationNamed(operation); // refused here, before any connection
        OperationRequest request = new OperationRequest(op.name(), since.instant());
        RunControl control = new RunControl();
        OperationReport report;
        try (CancelOnInterrupt interrupt = CancelOnInterrupt.install(control, notes());
             MigrationEngine engine = connect(database)) {
            Optional<String> warning = engine.confirmation(loaded, op.name());
            if (warning.isPresent()) {
                notes().println(warning.get());
                RollbackConfirmation.confirm(terminal(), notes(), loaded.name(), yes, "ferry pg op " + op.name()
                        + " --uri … --plan " + plan.file + " --yes");
            }
            try (CliProgress progress = progress(EngineJob.RUN, loaded)) {
                report = engine.operate(loaded, request, control, progress);
            }
            if (json()) {
                printJson(report);
            } else {
                OperationText.print(report, out(), verbose());
            }
        }
        return report.ok() ? OK : CHECK_FAILED;
    }
}
