package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.FerryException;
import dev.ferry.engine.OperationReport;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.postgres.MigrationLogGrid;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.UuidKeyPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook 002's operations by name ({@code ferry pg op}), run by {@link UuidKeyOperations} and answered as the engine
 * API's {@link OperationReport}, so the CLI reaches them through the engine like every other verb.
 */
final class UuidKeyRunbook {

    private final UuidKeyOperations ops;
    private final UuidKeyPlan plan;

    UuidKeyRunbook(UuidKeyOperations ops, UuidKeyPlan plan) {
        this.ops = ops;
        this.plan = plan;
    }

    OperationReport run(String operation) {
        Instant t0 = Instant.now();
        return switch (plan.kind().operationNamed(operation).name()) {
            case "validate_schema" -> schema(ops.validateSchema(), t0);
            case "backup_data" -> conversion(ops.backupData(), List.of());
            case "convert" -> conversion(ops.convert(), List.of());
            case "migrate_users", "migrate_foreign_keys" -> conversion(ops.convert(), List.of(operation + " is part of"
                    + " convert (" + plan.table() + "." + plan.column() + " and every column referencing it convert"
                    + " together): ran convert."));
            case "validate_migration" -> validation("validate_migration", ops.validateMigration(), t0);
            case "rollback" -> conversion(ops.rollback(), List.of());
            case "cleanup_backup" -> conversion(ops.cleanupBackup(), List.of());
            case "status" -> status(ops.status(), t0);
            case "full_migration" -> full(ops.fullMigration(), t0);
            default -> throw new FerryException("Runbook 002 has no operation " + operation + " here.");
        };
    }

    /** rollback and cleanup_backup change what cannot be changed back without the backup: they are confirmed. */
    Optional<String> confirmation(String operation) {
        return switch (plan.kind().operationNamed(operation).name()) {
            case "rollback" -> ops.rollbackPreview();
            case "cleanup_backup" -> Optional.of("cleanup_backup drops the backup tables in " + plan.backupSchema()
                    + " (and " + plan.backupSchema() + "_<schema> for tables outside " + plan.schema() + "): after it"
                    + " there is no rollback.");
            default -> Optional.empty();
        };
    }

    private OperationReport schema(SchemaReport r, Instant t0) {
        OperationReport.Grid columns = OperationReport.Grid.of("columns to convert", "column", "type now",
                "references", "rows", "NULL", "normalised", "invalid", "orphans", "duplicates");
        for (SchemaReport.ColumnChange c : r.changes()) {
            columns = columns.with(c.table() + "." + c.column(), c.typeNow() + " → uuid",
                    c.references() == null ? "(key)" : c.references(), c.rows(), c.nulls(), c.normalised(),
                    c.invalid(), c.orphans(), c.duplicates());
        }
        OperationReport.Grid bad = OperationReport.Grid.of("rows at fault (the first of each problem)", "table", "key",
                "column", "value", "problem");
        for (SchemaReport.BadRow b : r.badRows()) {
            bad = bad.with(b.table(), b.key(), b.column(), b.value(), b.problem());
        }
        List<String> lines = new ArrayList<>();
        r.notes().forEach(n -> lines.add("note: " + n));
        if (r.ok()) {
            lines.add("Ready to convert; nothing was changed.");
        } else {
            lines.add("Not ready; nothing was changed:");
            r.blockers().forEach(b -> lines.add("  - " + b));
        }
        return new OperationReport(plan.name(), "validate_schema", r.ok(), null, null, Map.of(), since(t0), lines,
                r.badRows().isEmpty() ? List.of(columns) : List.of(columns, bad), null);
    }

    private OperationReport conversion(UuidConversionReport r, List<String> before) {
        List<String> lines = new ArrayList<>(before);
        lines.addAll(r.lines());
        OperationReport.Grid phases = OperationReport.Grid.of("time per phase", "phase", "took");
        for (Map.Entry<String, Duration> p : r.phases().entrySet()) {
            phases = phases.with(p.getKey(), p.getValue());
        }
        return new OperationReport(plan.name(), r.operation(), r.ok(), r.runId(), "step "
                + r.step().toLowerCase(java.util.Locale.ROOT) + (r.resumed() ? ", resumed" : ""), r.rows(),
                r.elapsed(), lines, r.phases().isEmpty() ? List.of() : List.of(phases), null);
    }

    private OperationReport validation(String operation, ValidationReport r, Instant t0) {
        return new OperationReport(plan.name(), operation, r.passed(), null, null, Map.of(), since(t0), List.of(),
                List.of(), r);
    }

    private OperationReport status(ConversionStatus s, Instant t0) {
        List<String> lines = new ArrayList<>();
        if (s.runId() == null) {
            lines.add("Plan " + s.plan() + " has no run yet.");
        } else {
            lines.add(HumanFormat.count(s.rowsCopied()) + " of " + (s.rowsTotal() < 0 ? "(not yet counted)"
                    : HumanFormat.count(s.rowsTotal())) + " rows copied; started " + HumanFormat.time(s.startedAt())
                    + ", last change " + HumanFormat.time(s.updatedAt()));
            if (s.message() != null) {
                lines.add(s.message());
            }
        }
        return new OperationReport(plan.name(), "status", true, s.runId(), s.runId() == null ? null : s.state()
                + " at step " + s.step().toLowerCase(java.util.Locale.ROOT), Map.of(), since(t0), lines,
                List.of(MigrationLogGrid.of(s.log())), null);
    }

    /** Every step's lines and figures in order, the checks if it got that far, and where it stopped. */
    private OperationReport full(FullMigrationReport r, Instant t0) {
        List<String> lines = new ArrayList<>();
        List<OperationReport.Grid> grids = new ArrayList<>();
        OperationReport last = null;
        for (OperationReport step : steps(r, t0)) {
            step.lines().forEach(l -> lines.add(step.operation() + ": " + l));
            grids.addAll(step.grids());
            last = step;
        }
        lines.add(r.ok() ? "full_migration complete." : "full_migration stopped at " + r.stoppedAt() + ".");
        OperationReport converted = r.conversion() == null ? null : conversion(r.conversion(), List.of());
        return new OperationReport(plan.name(), "full_migration", r.ok(), converted == null ? null
                : converted.runId(), converted == null ? null : converted.state(), converted == null ? Map.of()
                : converted.counts(), since(t0), lines, grids, last == null ? null : last.validation());
    }

    private List<OperationReport> steps(FullMigrationReport r, Instant t0) {
        List<OperationReport> steps = new ArrayList<>();
        if (r.schema() != null) {
            steps.add(schema(r.schema(), t0));
        }
        if (r.backup() != null) {
            steps.add(conversion(r.backup(), List.of()));
        }
        if (r.conversion() != null) {
            steps.add(conversion(r.conversion(), List.of()));
        }
        if (r.validation() != null) {
            steps.add(validation("validate_migration", r.validation(), t0));
        }
        return steps;
    }

    private static Duration since(Instant t0) {
        return Duration.between(t0, Instant.now());
    }
}
