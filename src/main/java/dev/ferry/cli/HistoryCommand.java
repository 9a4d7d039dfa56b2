package dev.ferry.cli;

import dev.ferry.format.HumanFormat;
import java.util.Optional;
import dev.ferry.engine.Ferry;
import dev.ferry.engine.RunSummary;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry history}: every run, newest first, as a table. */
@Command(name = "history", description = "List every run (of --plan, or of all plans), newest first.")
final class HistoryCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Override
    public Integer call() {
        Optional<Integer> pg = PgDispatch.run(this, database, plan, "status", "status", false);
        if (pg.isPresent()) {
            return pg.get();
        }
        String planName = plan.given() ? plan.load().name() : null;
        List<RunSummary> runs;
        try (Ferry ferry = connect(database)) {
            runs = ferry.history(planName);
        }
        if (json()) {
            printJson(runs);
            return OK;
        }
        if (runs.isEmpty()) {
            out().println(planName == null ? "No runs in this database yet." : "No runs of " + planName + " yet.");
            return OK;
        }
        TextTable table = new TextTable("RUN", "PLAN", "STATE", "STARTED", ">TOOK", ">PROCESSED", ">QUARANTINED",
                "OPERATOR");
        for (RunSummary r : runs) {
            table.row(r.runId(), r.plan(), r.state().label(), HumanFormat.time(r.startedAt()),
                    r.endedAt() == null ? "-" : HumanFormat.duration(Duration.between(r.startedAt(), r.endedAt())),
                    HumanFormat.count(r.processed()) + "/" + HumanFormat.count(r.total()),
                    HumanFormat.count(r.quarantined()), r.operator());
        }
        table.print(out(), "");
        return OK;
    }
}
