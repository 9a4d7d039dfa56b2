package dev.ferry.cli;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.postgres.backfill.BackfillOperations;
import dev.ferry.engine.postgres.backfill.BackfillReport;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.store.postgres.MigrationLogTable;
import dev.ferry.store.postgres.PostgresStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs one runbook 003 operation for {@link PgOpCommand} and prints its report; returns the exit code. */
final class PgBackfillOperation {

    private static final Pattern AGO = Pattern.compile("(\\d+)\\s*([mhd])");

    private final PgOpCommand verb;
    private final ColumnBackfillPlan plan;
    private final PostgresStore store;
    private final RunControl control;

    PgBackfillOperation(PgOpCommand verb, ColumnBackfillPlan plan, PostgresStore store, RunControl control) {
        this.verb = verb;
        this.plan = plan;
        this.store = store;
        this.control = control;
    }

    int run(String op, String since) {
        PrintWriter out = verb.out();
        int batch = plan.backfill() == null ? 1000 : plan.backfill().batchSize();
        switch (op) {
            case "dry_run" -> {
                return report(ops(null).dryRun(), out);
            }
            case "up" -> {
                return report(ops(null).up(), out);
            }
            case "run" -> {
                int up = report(ops(null).up(), out);
                if (up != Verb.OK) {
                    return up;
                }
                try (CliProgress progress = verb.progress(EngineJob.PG_RUN, batch)) {
                    return report(ops(progress).backfill(), out);
                }
            }
            case "down" -> {
                verb.notes().println("down drops " + plan.indexes().size() + " index(es) and the columns "
                        + plan.addColumns().stream().map(ColumnBackfillPlan.NewColumn::name).toList()
                        + " of " + plan.table() + " with their data.");
                verb.confirm(plan.name(), "down");
                return report(ops(null).down(), out);
            }
            case "backfill" -> {
                try (CliProgress progress = verb.progress(EngineJob.PG_RUN, batch)) {
                    return report(ops(progress).backfill(), out);
                }
            }
            case "incremental" -> {
                Instant from = since(since);
                try (CliProgress progress = verb.progress(EngineJob.PG_RUN, batch)) {
                    return report(ops(progress).incremental(from), out);
                }
            }
            case "validate" -> {
                ValidationReport r = ops(null).validate();
                if (verb.json()) {
                    verb.printJson(r);
                } else {
                    ValidateCommand.print(r, out, verb.verbose());
                }
                return r.passed() ? Verb.OK : Verb.CHECK_FAILED;
            }
            case "status" -> {
                List<MigrationLogTable.Entry> log = ops(null).status();
                if (verb.json()) {
                    verb.printJson(log);
                } else {
                    PgText.log(log, out);
                }
                return Verb.OK;
            }
            default -> {
                return PgOpCommand.unknown(op, BackfillOperations.NAMES, ColumnBackfillPlan.KIND);
            }
        }
    }

    /** "24h", "90m", "7d" before now, or an ISO date-time with offset. */
    static Instant since(String text) {
        if (text == null) {
            throw new CliUsageException("incremental needs --since, e.g. --since 24h or --since 2025-01-31T12:00:00Z.");
        }
        Matcher ago = AGO.matcher(text.strip());
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Instant.now().minus(d);
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliUsageException("--since " + text + " is neither a span (24h, 90m, 7d) nor an ISO date-time"
                    + " with offset (2025-01-31T12:00:00Z).");
        }
    }

    private BackfillOperations ops(CliProgress progress) {
        return new BackfillOperations(store, plan, progress == null ? dev.ferry.engine.RunListener.NONE : progress, control);
    }

    private int report(BackfillReport r, PrintWriter out) {
        if (verb.json()) {
            verb.printJson(r);
        } else {
            PgText.backfill(r, out);
        }
        return r.ok() ? Verb.OK : Verb.CHECK_FAILED;
    }
}
