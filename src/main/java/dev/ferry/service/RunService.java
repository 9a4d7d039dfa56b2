package dev.ferry.service;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunRequest;
import dev.ferry.worker.WorkerLauncher;
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
 * Runs the session's plan: by default in a worker process that the console only watches through the journal
 * ({@link WorkerRuns}: start, resume, and pause, cancel and settings as requests any console can make), or, with
 * {@code -Dferry.worker=in-process} (the tests, and a runtime without a {@code java} command), in the background of
 * this process with one {@link RunControl}. Either way it moves the session through the run states and publishes a
 * coalesced {@link RunSnapshot} every {@link RunMonitor#PERIOD}, plus a final one when the run stops.
 */
public final class RunService implements AutoCloseable {

    /** Where runs are carried out. */
    public enum Mode { WORKERS, IN_PROCESS }

    private final TaskExecutor executor;
    private final Session session;
    private final Clock clock;
    private final Mode mode;
    private final RunOutputs out = new RunOutputs();
    private final WorkerRuns workers;
    private volatile RunControl control;
    private volatile CountDownLatch inFlight = new CountDownLatch(0);

    // Properties
    private final ReadOnlyObjectWrapper<RunSnapshot> snapshot = out.snapshot();
    private final ReadOnlyObjectWrapper<RunReport> report = out.report();
    private final ReadOnlyBooleanWrapper active = out.active();
    private final ReadOnlyStringWrapper problem = out.problem();
    private final ReadOnlyStringWrapper notice = out.notice();

    public RunService(TaskExecutor executor, Session session) {
        this(executor, session, Clock.systemUTC());
    }

    public RunService(TaskExecutor executor, Session session, Clock clock) {
        this(executor, session, clock, defaultMode());
    }

    public RunService(TaskExecutor executor, Session session, Clock clock, Mode mode) {
        this.executor = executor;
        this.session = session;
        this.clock = clock;
        this.mode = mode;
        this.workers = new WorkerRuns(executor, session, clock, out);
        session.useWorkers(mode == Mode.WORKERS);
    }

    /** Workers unless {@code -Dferry.worker=in-process}, or when this runtime cannot start a {@code java} process. */
    public static Mode defaultMode() {
        return "in-process".equals(System.getProperty("ferry.worker")) || !WorkerLauncher.available()
                ? Mode.IN_PROCESS : Mode.WORKERS;
    }

    public Mode mode() {
        return mode;
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

    /** Continues a paused or interrupted run from its last checkpoint (in a new worker). */
    public boolean resume() {
        return launch(Action.RESUME);
    }

    /**
     * Follows the open plan's runs through the journal, whoever started them, so the run screen shows any run of it
     * from its first batch. Called when the plan or the connection changes; nothing to do for runs in this process.
     */
    public void follow() {
        if (mode == Mode.WORKERS) {
            workers.follow();
        }
    }

    /** True when this console's runs go to worker processes that outlive it. */
    public boolean runsInWorkers() {
        return mode == Mode.WORKERS && session.connectionUri() != null && session.plan() != null
                && session.planKind().supports(PlanKind.Capability.WORKERS);
    }

    /**
     * New settings for the running (or paused) run, honoured from its next batch: records per batch and a rate limit
     * in records per second (0 removes it); null leaves one as it is. Written to the journal, so it reaches the run's
     * worker wherever it runs.
     */
    public void changeSettings(Integer batchSize, Double rate) {
        ConsoleState state = session.state();
        if (state != ConsoleState.RUNNING && state != ConsoleState.PAUSED && state != ConsoleState.INTERRUPTED) {
            problem.set("Settings change a run in progress (running or paused); this one is " + state.label());
            return;
        }
        if (!session.planKind().supports(PlanKind.Capability.WORKERS)) {
            problem.set("A " + session.planKind().label() + " plan's run takes no new settings while it works: pause it"
                    + " and run it again with another batch size");
            return;
        }
        workers.request(RunRequest.set(batchSize, rate), "New settings asked of the run; its worker applies them from"
                + " its next batch.");
    }

    /** Asks the run to stop after the current batch; it can be resumed. */
    public void pause() {
        if (refuse(Action.PAUSE)) {
            return;
        }
        if (runsInWorkers()) {
            workers.request(RunRequest.pause(), "Pausing after the current batch (asked through the journal: every"
                    + " console sees it)…");
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
        if (runsInWorkers() && session.state() == ConsoleState.RUNNING) {
            workers.request(RunRequest.cancel(), "Cancelling after the current batch (asked through the journal)…");
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
        if (runsInWorkers()) {
            return workers.launch(action);
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
            session.moveTo(ConsoleState.of(r.state()));
            notice.set(RunOutputs.outcome(r, session.planKind()));
            if (r.state() == RunState.COMPLETED) {
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

    private String leftBehind(String what) {
        return RunOutputs.leftBehind(what);
    }

    /**
     * Closing the console during a run: cancel between batches (the checkpoint is kept; the run can be resumed) and
     * wait a little for the current batch to finish before the connection closes.
     */
    @Override
    public void close() {
        close(false);
    }

    /**
     * Closing the console. A run in a worker goes on ({@code stopRun}: it is asked to stop after its current batch);
     * a run in this process is cancelled between batches and its current batch awaited a little.
     */
    public void close(boolean stopRun) {
        workers.close(stopRun);
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

    /** The worker process this console started last, while it runs; empty otherwise (tests, the benchmark). */
    public java.util.Optional<dev.ferry.worker.WorkerProcess> worker() {
        return java.util.Optional.ofNullable(workers.worker());
    }

    /** For tests and the benchmark: waits until no run is in flight. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return inFlight.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
