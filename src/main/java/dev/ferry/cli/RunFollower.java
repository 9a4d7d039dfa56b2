package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.RunWatch;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ferry status --follow}: a run's progress drawn from the journal, from its first batch, with the same lines
 * (or bar) as {@code ferry run}, until the run stops (completes, pauses, fails, is cancelled or rolled back) or its
 * worker is gone. Exit 0 when it completed with every record migrated, 1 when it stopped before or with records in
 * quarantine, 3 when it failed or its worker is gone.
 */
final class RunFollower {

    /** Quiet for this long after a stopping event, and the journal agrees: the run stopped. */
    private static final Duration SETTLE = Duration.ofMillis(750);

    private RunFollower() {
    }

    static int follow(MigrationEngine engine, MigrationPlan plan, String runId, Verb verb) {
        AtomicReference<RunEvent> last = new AtomicReference<>();
        AtomicLong lastAt = new AtomicLong(System.nanoTime());
        Optional<RunSummary> first = latest(engine, plan, runId);
        if (first.isEmpty()) {
            verb.notes().println(runId == null ? "No runs of " + plan.name() + " yet." : "No run " + runId + " of "
                    + plan.name() + ".");
            return Verb.OK;
        }
        String followed = runId == null ? first.get().runId() : runId;
        try (CliProgress progress = verb.progress(EngineJob.RUN, plan);
             RunWatch watch = engine.watch(plan, runId, event -> {
                 progress.on(event);
                 last.set(event);
                 lastAt.set(System.nanoTime());
             })) {
            while (true) {
                Thread.sleep(250);
                RunEvent seen = last.get();
                boolean quiet = System.nanoTime() - lastAt.get() > SETTLE.toNanos();
                if (!quiet || !(stopping(seen) || seen == null)) {
                    continue;
                }
                Optional<RunSummary> now = latest(engine, plan, runId);
                if (now.isPresent() && stopped(now.get())) {
                    RunSummary r = now.get();
                    if (verb.json()) {
                        verb.printJson(r);
                    } else {
                        StatusCommand.print(r, verb.out());
                    }
                    return exitCode(r, plan.kind(), seen);
                }
                if (now.isPresent() && !now.get().runId().equals(followed)) {
                    followed = now.get().runId(); // another run of the plan started: the watch moves to it
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verb.CHECK_FAILED;
        }
    }

    private static Optional<RunSummary> latest(MigrationEngine engine, MigrationPlan plan, String runId) {
        List<RunSummary> runs = engine.history(plan.name());
        return runId == null ? runs.stream().findFirst() : runs.stream().filter(r -> r.runId().equals(runId))
                .findFirst();
    }

    private static boolean stopping(RunEvent e) {
        return e instanceof RunEvent.WorkerGone || e instanceof RunEvent.StateChanged c
                && c.state() != RunState.RUNNING && c.state() != RunState.ROLLING_BACK;
    }

    private static boolean stopped(RunSummary r) {
        return r.state() != RunState.RUNNING && r.state() != RunState.ROLLING_BACK
                || r.worker() != null && r.worker().gone();
    }

    private static int exitCode(RunSummary r, PlanKind kind, RunEvent last) {
        if (last instanceof RunEvent.WorkerGone || r.state() == RunState.FAILED
                || r.worker() != null && r.worker().gone()) {
            return Verb.FAILURE;
        }
        boolean allMigrated = !kind.supports(PlanKind.Capability.QUARANTINE)
                || r.quarantined() == 0 && r.processed() > 0;
        return r.state() == RunState.COMPLETED && allMigrated ? Verb.OK : Verb.CHECK_FAILED;
    }
}
