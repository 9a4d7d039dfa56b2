package dev.ferry.service;

import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunWatch;
import java.util.List;
import dev.ferry.plan.MigrationPlan;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Rollbacks for the console: what a rollback would undo (for the typed confirmation), then the rollback itself — in a
 * worker process when runs go to workers (its undo progress read from the journal), else in the background here —
 * its progress coalesced to one update per {@link RunMonitor#PERIOD}, then the engine's verification of the restored
 * state.
 */
public final class RollbackService {

    private final TaskExecutor executor;
    private final Session session;

    public RollbackService(TaskExecutor executor, Session session) {
        this.executor = executor;
        this.session = session;
    }

    /** What rolling back {@code runId} (null: the plan's newest run not rolled back) would undo. Reads only. */
    public void preview(String runId, Consumer<RollbackPreview> done, Consumer<String> failed) {
        MigrationPlan plan = session.plan();
        if (plan == null || session.engine() == null) {
            failed.accept(session.whyNot(Action.ROLLBACK) == null ? "Open a plan first (Plan)"
                    : session.whyNot(Action.ROLLBACK));
            return;
        }
        executor.execute(BackgroundTask.of("rollback preview", () -> session.engine().rollbackPreview(plan, runId))
                .onSuccess(done)
                .onFailure(error -> failed.accept(Failures.describe("Reading what the rollback would undo", error))));
    }

    /**
     * Rolls back {@code runId}: the session goes to rolling back, then rolled back (or back where it was, with the
     * reason, when the rollback fails; running it again finishes an interrupted rollback).
     */
    public void rollback(String runId, Consumer<RunEvent.UndoProgress> progress, Consumer<RollbackReport> done,
                         Consumer<String> failed) {
        ConsoleState before = session.state();
        if (before.busy()) {
            failed.accept("Busy: " + before.label() + " — wait for it to finish, or pause the run first");
            return;
        }
        MigrationPlan plan = session.plan();
        AtomicReference<RunEvent.UndoProgress> latest = new AtomicReference<>();
        session.moveTo(ConsoleState.ROLLING_BACK);
        session.warn("rollback", "Rolling back run " + runId + " of " + plan.name());
        TaskExecutor.Ticker ticker = executor.every(RunMonitor.PERIOD, () -> publish(latest, progress));
        RunListener undone = event -> {
            if (event instanceof RunEvent.UndoProgress u) {
                latest.set(u);
            }
        };
        boolean inWorker = WorkerJob.usable(session, plan);
        String uri = session.connectionUri();
        RunWatch watch = inWorker ? session.engine().watch(plan, runId, undone) : null; // the worker's undo progress
        executor.execute(BackgroundTask.of("rollback " + runId, () -> inWorker
                ? WorkerJob.run(plan, uri, "rollback", runId == null ? List.of("--yes") : List.of("--run", runId,
                "--yes"), RollbackReport.class).resultOrFail("The rollback of run " + runId)
                : session.engine().rollback(plan, runId, undone)).onSuccess(report -> {
            if (watch != null) {
                watch.close();
            }
            ticker.stop();
            publish(latest, progress); // the last progress before the verdict
            session.moveTo(ConsoleState.ROLLED_BACK);
            String verdict = report.verified() ? "the restored state matches the checksums taken before the run"
                    : "verification found differences";
            session.info("rollback", "Run " + report.runId() + " rolled back: " + verdict);
            done.accept(report);
        }).onFailure(error -> {
            if (watch != null) {
                watch.close();
            }
            ticker.stop();
            publish(latest, progress);
            session.moveTo(before);
            String reason = Failures.describe("The rollback of run " + runId, error);
            session.error("rollback", reason);
            failed.accept(reason);
        }));
    }

    private static void publish(AtomicReference<RunEvent.UndoProgress> latest, Consumer<RunEvent.UndoProgress> to) {
        RunEvent.UndoProgress u = latest.getAndSet(null);
        if (u != null) {
            to.accept(u);
        }
    }
}
