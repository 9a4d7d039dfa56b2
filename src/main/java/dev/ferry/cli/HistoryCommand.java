package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunOutcome;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.ValidationVerdict;
import dev.ferry.format.HumanFormat;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ferry history}: every run, newest first, as a table, on MongoDB (the journal) or PostgreSQL (split runs and
 * runbook operations, both in schema {@code ferry}), with the hash of the plan version each run was made with and its
 * latest validation verdict.
 */
@Command(name = "history", description = "List every run (of --plan, or of all plans), newest first.")
final class HistoryCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Override
    public Integer call() {
        String planName = plan.given() ? plan.load().name() : null;
        List<RunSummary> runs;
        try (MigrationEngine engine = connect(database)) {
            runs = engine.history(planName);
        }
        if (json()) {
            printJson(runs);
            return OK;
        }
        if (runs.isEmpty()) {
            out().println(planName == null ? "No runs in this database yet." : "No runs of " + planName + " yet.");
            return OK;
        }
        TextTable table = new TextTable("RUN", "PLAN", "HASH", "STATE", "STARTED", ">TOOK", ">PROCESSED",
                ">QUARANTINED", "VALIDATION", "OPERATOR");
        for (RunSummary r : runs) {
            table.row(r.runId(), r.plan(), r.planHash() == null ? "-" : r.planHash().substring(0, Math.min(8,
                            r.planHash().length())), RunOutcome.of(r).flagged(), HumanFormat.time(r.startedAt()),
                    r.endedAt() == null ? "-" : HumanFormat.duration(Duration.between(r.startedAt(), r.endedAt())),
                    HumanFormat.count(r.processed()) + "/" + HumanFormat.count(r.total()),
                    HumanFormat.count(r.quarantined()), validation(r.validation()), r.operator());
        }
        table.print(out(), "");
        return OK;
    }

    /** "✓ 4 passed", "✗ 1 mismatched of 4", "? 1 cannot check of 4" or "not validated": the run's latest verdict. */
    static String validation(ValidationVerdict v) {
        if (v == null) {
            return "not validated";
        }
        return (v.ok() ? "✓ " : v.mismatched() > 0 ? "✗ " : "? ") + v.summary();
    }
}
