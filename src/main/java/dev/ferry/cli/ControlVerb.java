package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RequestOutcome;
import dev.ferry.engine.RunRequest;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.worker.WorkerLogs;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A verb that asks a run something through the journal ({@code pause}, {@code resume}, {@code cancel}, {@code set}):
 * the request is recorded with who asked and from where, and the run's worker honours it at its next batch, wherever
 * it runs. Exit 0 when recorded, 1 when refused (nothing would honour it; the message says what to do).
 */
abstract class ControlVerb extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Option(names = "--run", paramLabel = "ID", description = "the run (default: the plan's latest)")
    String runId;

    /** Sends {@code request} and prints what came of it; {@code then} runs on the engine when it was recorded. */
    final int send(RunRequest request, Then then) {
        MigrationPlan loaded = plan.load();
        RequestOutcome outcome;
        Object result;
        try (MigrationEngine engine = connect(database)) {
            outcome = engine.request(loaded, runId, request);
            result = outcome.accepted() && then != null ? then.after(engine, loaded, outcome) : outcome;
        }
        if (json()) {
            printJson(result);
        } else if (!(result instanceof DetachedWorker)) {
            print(outcome);
        }
        return outcome.accepted() ? OK : CHECK_FAILED;
    }

    /** What to do once the request is recorded (a resume starts the run's worker); the result printed as JSON. */
    @FunctionalInterface
    interface Then {
        Object after(MigrationEngine engine, MigrationPlan plan, RequestOutcome outcome);
    }

    private void print(RequestOutcome o) {
        out().println((o.accepted() ? "✓ " : "✗ ") + o.message());
        if (o.worker() != null) {
            var w = o.worker();
            out().println("  worker: pid " + w.pid() + " on " + w.host() + " · " + (w.alive() ? "alive, heard from "
                    + HumanFormat.time(w.heartbeatAt()) : w.endedAt() != null ? "ended " + HumanFormat.time(w.endedAt())
                    + (w.outcome().isBlank() ? "" : " (" + w.outcome() + ")")
                    : "gone since " + HumanFormat.time(w.heartbeatAt())) + (w.log() == null ? "" : " · log " + w.log()));
            if (!o.accepted() && !w.alive()) {
                WorkerLogs.tail(w.log(), 3).forEach(line -> out().println("    | " + line));
            }
        }
        if (!o.accepted() && o.resumable()) {
            out().println("  Resume it: ferry resume --plan " + plan.file);
        }
    }
}
