package dev.ferry.engine.postgres.backfill;

import dev.ferry.FerryException;
import dev.ferry.engine.OperationReport;
import dev.ferry.engine.OperationRequest;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.postgres.MigrationLogGrid;
import dev.ferry.plan.ColumnBackfillPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook 003's operations by name ({@code ferry pg op}), run by {@link BackfillOperations} and answered as the engine
 * API's {@link OperationReport}, so the CLI reaches them through the engine like every other verb.
 */
final class BackfillRunbook {

    private final BackfillOperations ops;
    private final ColumnBackfillPlan plan;

    BackfillRunbook(BackfillOperations ops, ColumnBackfillPlan plan) {
        this.ops = ops;
        this.plan = plan;
    }

    OperationReport run(OperationRequest request) {
        Instant t0 = Instant.now();
        return switch (plan.kind().operationNamed(request.operation()).name()) {
            case "dry_run" -> report(ops.dryRun());
            case "up" -> report(ops.up());
            case "backfill" -> report(ops.backfill());
            case "incremental" -> report(ops.incremental(since(request)));
            case "run" -> upThenBackfill(t0);
            case "validate" -> validation(ops.validate(), t0);
            case "down" -> report(ops.down());
            case "status" -> new OperationReport(plan.name(), "status", true, null, null, Map.of(), since(t0),
                    List.of(), List.of(MigrationLogGrid.of(ops.status())), null);
            default -> throw new FerryException("Runbook 003 has no operation " + request.operation() + " here.");
        };
    }

    /** down drops what up added, with the backfilled values: it is confirmed. */
    static Optional<String> confirmation(ColumnBackfillPlan plan, String operation) {
        if (!plan.kind().operationNamed(operation).name().equals("down")) {
            return Optional.empty();
        }
        return Optional.of("down drops " + plan.indexes().size() + " index(es) and the columns "
                + plan.addColumns().stream().map(ColumnBackfillPlan.NewColumn::name).toList() + " of " + plan.table()
                + " with their data.");
    }

    private OperationReport upThenBackfill(Instant t0) {
        BackfillReport up = ops.up();
        if (!up.ok() || plan.backfill() == null) {
            return report(up);
        }
        BackfillReport filled = ops.backfill();
        List<String> lines = new ArrayList<>(up.lines());
        lines.addAll(filled.lines());
        return new OperationReport(plan.name(), "run", filled.ok(), null, null, counts(filled), since(t0), lines,
                List.of(), null);
    }

    private OperationReport report(BackfillReport r) {
        return new OperationReport(plan.name(), r.operation(), r.ok(), null, null, counts(r), r.elapsed(), r.lines(),
                List.of(), null);
    }

    private Map<String, Long> counts(BackfillReport r) {
        return r.rows() > 0 ? Map.of(plan.table(), r.rows()) : Map.of();
    }

    private OperationReport validation(ValidationReport r, Instant t0) {
        return new OperationReport(plan.name(), "validate", r.passed(), null, null, Map.of(), since(t0), List.of(),
                List.of(), r);
    }

    /** Refuses, before anything runs, a request that lacks what its operation needs (incremental: a start). */
    static void refuseIncomplete(OperationRequest request) {
        if (request.operation().equals("incremental")) {
            since(request);
        }
    }

    private static Instant since(OperationRequest request) {
        if (request.since() == null) {
            throw FerryException.usage("incremental needs a start: the rows created since when (--since 24h, 90m, 7d"
                    + " or an ISO date-time such as 2025-01-31T12:00:00Z).");
        }
        return request.since();
    }

    private static Duration since(Instant t0) {
        return Duration.between(t0, Instant.now());
    }
}
