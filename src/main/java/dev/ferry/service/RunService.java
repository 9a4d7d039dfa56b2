package dev.ferry.service;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunOutcome;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanKind;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Runs the session's plan in the background with one {@link RunControl}: start, pause, resume (from the checkpoint)
 * and cancel (between batches). Moves the session through the run states and publishes a coalesced
 * {@link RunSnapshot} every {@link RunMonitor#PERIOD}, plus a final one when the run stops, so the last state shows.
 */
public final class RunService implements AutoCloseable {

    private final TaskExecutor executor;
    private final Session session;
    private final Clock clock;
    private volatile RunControl control;
    private volatile CountDownLatch inFlight = new CountDownLatch(0);

    // Properties
    private final ReadOnlyObjectWrapper<RunSnapshot> snapshot = new ReadOnlyObjectWrapper<>(RunSnapshot.NONE);
    private final ReadOnlyObjectWrapper<RunReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    public RunService(TaskExecutor executor, Session session) {
        this(executor, session, Clock.systemUTC());
    }

    public RunService(TaskExecutor executor, Session session, Clock clock) {
        this.executor = executor;
        this.session = session;
        this.clock = clock;
    }

    /** The latest coalesced figures of the run in progress (or of the last one). */
    public ReadOnlyObjectProperty<RunSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** The report of the last attempt that returned, or null. */
    public ReadOnlyObjectProperty<RunReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** True while an engine job runs (also while a pause or cancel waits for the current batch). */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** Why the last command or attempt failed, in words; empty when it did not. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What the last attempt left behind (paused, cancelled, completed), in words. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    // Commands (on the UI thread)

    /** Starts a run of the session's plan; refused (with the reason in {@link #problemProperty}) when not allowed. */
    public boolean start() {
        return launch(Action.RUN);
    }

    /** Continues a paused or interrupted run from its last checkpoint. */
    public boolean resume() {
        return launch(Action.RESUME);
    }

    /** Asks the run to stop after the current batch; it can be resumed. */
    public void pause() {
        if (refuse(Action.PAUSE)) {
            return;
        }
        RunControl c = control;
        if (c != null) {
            c.pause("paused by " + System.getProperty("user.name", "the operator"));
            notice.set("Pausing after the current batch…");
        }
    }

    /**
     * Stops the run after the current batch. What it wrote stays in the targets, with its checkpoint and undo log:
     * resume it later, or roll it back.
     */
    public void cancel() {
        if (refuse(Action.CANCEL)) {
            return;
        }
        RunControl c = control;
        if (c != null && active.get()) {
            c.cancel("cancelled by " + System.getProperty("user.name", "the operator"));
            notice.set("Cancelling after the current batch…");
        } else {
            session.moveTo(ConsoleState.INTERRUPTED);
            notice.set(leftBehind("Cancelled"));
            session.info("run", notice.get());
        }
    }

    private boolean launch(Action action) {
        if (refuse(action)) {
            return false;
        }
        MigrationPlan plan = session.plan();
        ConsoleState before = session.state();
        RunControl c = new RunControl();
        RunMonitor monitor = new RunMonitor(clock);
        control = c;
        CountDownLatch done = new CountDownLatch(1);
        inFlight = done;
        problem.set("");
        notice.set("");
        report.set(null);
        active.set(true);
        session.moveTo(ConsoleState.RUNNING);
        session.info("run", (action == Action.RESUME ? "Resuming " : "Starting ") + "a run of " + plan.name());
        snapshot.set(monitor.drain());
        TaskExecutor.Ticker ticker = executor.every(RunMonitor.PERIOD, () -> publish(monitor));
        executor.execute(BackgroundTask.of("run " + plan.name(), () -> {
            try {
                return session.engine().run(plan, c, monitor);
            } finally {
                done.countDown();
            }
        }).onSuccess(r -> {
            report.set(r);
            RunOutcome ended = RunOutcome.of(r, session.planKind().supports(PlanKind.Capability.QUARANTINE));
            session.moveTo(ConsoleState.of(r.state()), ended);
            notice.set(outcome(r));
            if (r.state() == RunState.COMPLETED && ended.level() == RunOutcome.Level.OK) {
                session.info("run", notice.get());
            } else {
                session.warn("run", notice.get());
            }
        }).onFailure(error -> {
            String reason = Failures.describe("The run of " + plan.name(), error);
            // the engine says INTERRUPTED when it stopped part-way; before its first batch nothing changed
            session.moveTo(monitor.started() ? ConsoleState.INTERRUPTED : before);
            problem.set(reason);
            session.error("run", reason);
        }).onFinally(() -> {
            ticker.stop();
            publish(monitor);
            active.set(false);
        }));
        return true;
    }

    private void publish(RunMonitor monitor) {
        RunSnapshot s = monitor.drain();
        for (String note : s.notes()) {
            session.info("run", note);
        }
        snapshot.set(s);
    }

    private boolean refuse(Action action) {
        String why = session.whyNot(action);
        if (why != null) {
            problem.set(why);
            return true;
        }
        problem.set("");
        return false;
    }

    private String outcome(RunReport r) {
        PlanKind kind = session.planKind();
        String counts = HumanFormat.count(r.processed()) + "/" + HumanFormat.count(r.total()) + " " + kind.records();
        return switch (r.state()) {
            case COMPLETED -> {
                RunOutcome ended = RunOutcome.of(r, kind.supports(PlanKind.Capability.QUARANTINE));
                String mark = ended.level() == RunOutcome.Level.OK ? "" : ended.mark() + " ";
                yield mark + "Run " + r.runId() + (ended.level() == RunOutcome.Level.FAILURE ? " migrated nothing: "
                        : " completed: ") + counts + " in " + HumanFormat.duration(r.elapsed())
                        + (kind.supports(PlanKind.Capability.QUARANTINE) ? ", " + HumanFormat.count(r.quarantined())
                        + " quarantined" : "") + (ended.level() == RunOutcome.Level.FAILURE
                        ? ". See why in the quarantine (or a dry run), fix the plan, roll back and run again."
                        : ended.level() == RunOutcome.Level.WARNING ? ". Not every record migrated: see the"
                        + " quarantine; validate it next." : ". Validate it next.");
            }
            case PAUSED -> "Paused at " + counts + (r.message().isBlank() ? "" : " (" + r.message() + ")")
                    + ". Resume continues from the last checkpoint.";
            case CANCELLED -> leftBehind("Cancelled at " + counts);
            case ROLLED_BACK -> "The run was halted and rolled back: " + r.message();
            default -> "The run " + r.state().label() + " at " + counts
                    + (r.message().isBlank() ? "" : ": " + r.message());
        };
    }

    private String leftBehind(String what) {
        return what + ". What the run wrote stays in the targets with its checkpoint and undo log: resume it"
                + " (History or Ctrl+R), or roll it back.";
    }

    /**
     * Closing the console during a run: cancel between batches (the checkpoint is kept; the run can be resumed) and
     * wait a little for the current batch to finish before the connection closes.
     */
    @Override
    public void close() {
        RunControl c = control;
        if (c != null && inFlight.getCount() > 0) {
            c.cancel("the console was closed");
            try {
                inFlight.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For tests and the benchmark: waits until no run is in flight. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return inFlight.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
