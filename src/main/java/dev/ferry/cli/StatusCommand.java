package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunOutcome;
import dev.ferry.engine.RunSummary;
import dev.ferry.format.HumanFormat;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry status}: the latest run of the plan, or of every plan in the database. */
@Command(name = "status", description = "Show the latest run of --plan, or of every plan in the database.")
final class StatusCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Override
    public Integer call() {
        String planName = plan.given() ? plan.load().name() : null;
        List<RunSummary> latest;
        try (MigrationEngine engine = connect(database)) {
            latest = latestPerPlan(engine.history(planName));
        }
        if (json()) {
            printJson(planName == null ? latest : latest.isEmpty() ? null : latest.get(0));
        } else if (latest.isEmpty()) {
            out().println(planName == null ? "No runs in this database yet." : "No runs of " + planName + " yet.");
        } else {
            latest.forEach(r -> print(r, out()));
        }
        return OK;
    }

    /** History comes newest first: the first of each plan is its latest. */
    static List<RunSummary> latestPerPlan(List<RunSummary> history) {
        Map<String, RunSummary> latest = new LinkedHashMap<>();
        history.forEach(r -> latest.putIfAbsent(r.plan(), r));
        return new ArrayList<>(latest.values());
    }

    static void print(RunSummary r, PrintWriter out) {
        out.println(r.plan() + ": " + RunOutcome.of(r).flagged() + " · run " + r.runId());
        out.println("  processed " + HumanFormat.count(r.processed()) + "/" + HumanFormat.count(r.total())
                + " · quarantined " + HumanFormat.count(r.quarantined()));
        if (!r.written().isEmpty()) {
            out.println("  written: " + r.written().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " " + HumanFormat.count(e.getValue())).collect(Collectors.joining(", ")));
        }
        out.println("  started " + HumanFormat.time(r.startedAt()) + " by " + r.operator()
                + (r.host() == null ? "" : " on " + r.host())
                + (r.endedAt() == null ? "" : " · ended " + HumanFormat.time(r.endedAt()) + " · took "
                + HumanFormat.duration(Duration.between(r.startedAt(), r.endedAt()))));
        if (r.leaseHolder() != null) {
            out.println("  lease held by " + r.leaseHolder());
        }
        if (r.message() != null && !r.message().isBlank()) {
            out.println("  " + r.message());
        }
        if (r.state().resumable() && r.endedAt() != null) {
            out.println("  resumable: run the plan again to continue from the last checkpoint");
        }
    }
}
