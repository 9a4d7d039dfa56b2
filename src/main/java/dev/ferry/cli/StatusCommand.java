package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.WorkerStatus;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.worker.WorkerLogs;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry status}: the latest run of the plan, or of every plan in the database, with its worker and the last
 * lines of its log; {@code --follow} draws a run's figures live from the journal until it ends, wherever it runs.
 */
@Command(name = "status", description = "Show the latest run of --plan, or of every plan in the database, with where"
        + " its worker's log is. --follow draws the run's progress live from the journal until it ends.")
final class StatusCommand extends Verb {

    /** Lines of a worker's log shown when it is on this host. */
    static final int LOG_LINES = 5;

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Option(names = "--follow", description = "follow the plan's run (from its first batch) until it ends")
    boolean follow;

    @Option(names = "--run", paramLabel = "ID", description = "with --follow: the run to follow (default: the plan's"
            + " latest, and the next one if another starts)")
    String runId;

    @Override
    public Integer call() {
        if (follow) {
            if (!plan.given()) {
                throw new CliUsageException("--follow needs --plan FILE: the plan whose run to follow.");
            }
            MigrationPlan loaded = plan.load();
            try (MigrationEngine engine = connect(database)) {
                return RunFollower.follow(engine, loaded, runId, this);
            }
        }
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
        out.println(r.plan() + ": " + r.state().label() + " · run " + r.runId());
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
        if (!r.partitions().isEmpty()) {
            out.println("  in " + r.partitions().size() + " partitions (key ranges, each with its own checkpoint):");
            r.partitions().forEach(p -> out.println("    " + EventLines.partition(p)
                    + (p.worker() == null ? "" : " · worker " + p.worker())
                    + (p.message().isBlank() ? "" : " · " + p.message())));
        }
        if (r.message() != null && !r.message().isBlank()) {
            out.println("  " + r.message());
        }
        if (r.worker() != null) {
            printWorker(r.worker(), out);
        }
        if (r.state().resumable() && (r.endedAt() != null || r.state() != RunState.RUNNING)) {
            out.println("  resumable: ferry resume --plan … continues it from the last checkpoint in a new worker");
        }
    }

    /** The run's worker, where its log is, and that log's last lines when it is on this host. */
    static void printWorker(WorkerStatus w, PrintWriter out) {
        String state = w.alive() ? "working, heard from " + HumanFormat.time(w.heartbeatAt())
                : w.endedAt() != null ? "ended " + HumanFormat.time(w.endedAt()) + (w.outcome().isBlank() ? ""
                : " (" + w.outcome() + ")") : "gone: not heard from since " + HumanFormat.time(w.heartbeatAt());
        out.println("  worker: " + w.verb() + ", pid " + w.pid() + " on " + w.host() + " by " + w.operator() + " · "
                + state);
        if (w.log() != null) {
            out.println("  worker log: " + w.log());
            WorkerLogs.tail(w.log(), LOG_LINES).forEach(line -> out.println("    | " + line));
        }
    }
}
