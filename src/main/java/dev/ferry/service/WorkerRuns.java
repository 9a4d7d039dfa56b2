package dev.ferry.service;

import dev.ferry.FerryException;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RequestOutcome;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunRequest;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunWatch;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanKind;
import dev.ferry.worker.WorkerLauncher;
import dev.ferry.worker.WorkerLogs;
import dev.ferry.worker.WorkerProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The console's runs carried out by worker processes: a run or resume starts Ferry's own CLI as a child process and
 * only watches it; everything the run screen shows comes from the journal (the open plan's runs are followed from
 * their first batch, whoever started them); pause, cancel and new settings are requests written to the journal. The
 * session's state follows the journal's, so every console on the database agrees.
 */
final class WorkerRuns {

    /** A worker seen ended this long ago, and the journal still shows nothing of it: it stopped before opening. */
    private static final Duration EXIT_SETTLE = Duration.ofSeconds(2);

    private final TaskExecutor executor;
    private final Session session;
    private final Clock clock;
    private final RunOutputs out;
    private final FollowedRun followed;
    private RunWatch watch;
    private TaskExecutor.Ticker ticker;
    private MigrationEngine followedEngine;
    private MigrationPlan followedPlan;
    private String appliedKey;
    private WorkerProcess worker;
    private ConsoleState beforeLaunch;
    private boolean journalMovedSinceLaunch;
    private Instant exitSeenAt;

    WorkerRuns(TaskExecutor executor, Session session, Clock clock, RunOutputs out) {
        this.executor = executor;
        this.session = session;
        this.clock = clock;
        this.out = out;
        this.followed = new FollowedRun(clock);
    }

    /** Follows the open plan's runs through the journal (again, when the plan or the connection changed). */
    void follow() {
        MigrationEngine engine = session.engine();
        MigrationPlan plan = session.plan();
        if (watch != null && engine == followedEngine && plan == followedPlan) {
            return;
        }
        stopFollowing();
        followedEngine = engine;
        followedPlan = plan;
        appliedKey = null;
        if (engine == null || plan == null || !plan.kind().supports(PlanKind.Capability.WORKERS)) {
            return;
        }
        followed.reset();
        try {
            watch = engine.watch(plan, null, followed);
        } catch (RuntimeException e) {
            session.warn("run", Failures.describe("Following the runs of " + plan.name(), e));
            return;
        }
        ticker = executor.every(RunMonitor.PERIOD, this::tick);
    }

    void stopFollowing() {
        if (ticker != null) {
            ticker.stop();
            ticker = null;
        }
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    /** Starts (or, for {@link Action#RESUME}, resumes) the plan's run in a worker process. */
    boolean launch(Action action) {
        MigrationPlan plan = session.plan();
        MigrationEngine engine = session.engine();
        String uri = session.connectionUri();
        Path file;
        try {
            file = PlanFiles.forWorker(plan);
        } catch (FerryException e) {
            out.problem().set(e.getMessage());
            return false;
        }
        follow();
        beforeLaunch = session.state();
        out.problem().set("");
        out.report().set(null);
        out.active().set(true);
        session.moveTo(ConsoleState.RUNNING);
        out.notice().set("Starting a worker process for " + plan.name() + "…");
        session.info("run", (action == Action.RESUME ? "Resuming" : "Starting") + " a run of " + plan.name()
                + " in a worker process");
        executor.execute(BackgroundTask.of("start worker", () -> {
            if (action == Action.RESUME) {
                RequestOutcome asked = engine.request(plan, null, RunRequest.resume());
                if (!asked.accepted()) {
                    throw new FerryException(asked.message());
                }
            }
            return WorkerLauncher.start(plan.name(), "run", List.of("run", "--plan", file.toString(),
                    "--wait-for-lease"), Map.of("FERRY_URI", uri));
        }).onSuccess(started -> {
            worker = started;
            journalMovedSinceLaunch = false;
            exitSeenAt = null;
            session.workerLog(started.log().toString());
            session.info("run", "Worker pid " + started.pid() + " started; its log: " + started.log());
            out.notice().set("Worker pid " + started.pid() + " started; it opens the run…");
        }).onFailure(error -> {
            session.moveTo(beforeLaunch);
            out.active().set(false);
            String reason = Failures.describe("Starting a worker for " + plan.name(), error);
            out.problem().set(reason);
            session.error("run", reason);
        }));
        return true;
    }

    /** Writes a request to the plan's run into the journal; {@code pending} says what happens next when recorded. */
    void request(RunRequest request, String pending) {
        MigrationPlan plan = session.plan();
        MigrationEngine engine = session.engine();
        executor.execute(BackgroundTask.of(request.describe() + " request", () -> engine.request(plan, null, request))
                .onSuccess(outcome -> {
                    if (outcome.accepted()) {
                        out.problem().set("");
                        out.notice().set(pending);
                        session.info("run", outcome.message());
                    } else {
                        String why = outcome.message() + (outcome.resumable() && !outcome.message().contains("Resume")
                                ? " Resume starts a new worker." : "");
                        out.problem().set(why);
                        session.warn("run", why);
                    }
                })
                .onFailure(error -> {
                    String reason = Failures.describe("Asking the run to " + request.describe(), error);
                    out.problem().set(reason);
                    session.error("run", reason);
                }));
    }

    /** The console closes: the run goes on in its worker, unless asked to stop after its current batch. */
    void close(boolean stopRun) {
        if (stopRun && session.engine() != null && session.plan() != null
                && session.state() == ConsoleState.RUNNING) {
            try {
                RequestOutcome outcome = session.engine().request(session.plan(), null, RunRequest.cancel());
                session.info("run", outcome.message());
            } catch (RuntimeException e) {
                session.warn("run", Failures.describe("Asking the run to stop", e));
            }
        }
        stopFollowing();
    }

    private void tick() {
        RunSnapshot s = followed.drain();
        s.notes().forEach(note -> session.info("run", note));
        out.snapshot().set(s);
        apply(s);
        checkWorker();
    }

    /** The session takes the state of the run as the journal has it, when that changes. */
    private void apply(RunSnapshot s) {
        if (s.runId() == null) {
            return;
        }
        RunState journal = s.ended() != null ? s.ended()
                : s.workerGone() != null ? RunState.INTERRUPTED : RunState.RUNNING;
        String key = s.runId() + "/" + journal;
        ConsoleState now = session.state();
        if (key.equals(appliedKey) || now == ConsoleState.VALIDATING || now == ConsoleState.DRY_RUNNING) {
            return; // unchanged, or the console is busy with its own work: looked at again next tick
        }
        appliedKey = key;
        journalMovedSinceLaunch = true;
        session.moveTo(ConsoleState.of(journal));
        out.active().set(journal == RunState.RUNNING || journal == RunState.ROLLING_BACK
                || worker != null && worker.alive());
        if (journal == RunState.RUNNING) {
            out.notice().set("");
            return;
        }
        if (journal == RunState.ROLLING_BACK) {
            return;
        }
        String message = s.workerGone() != null && s.ended() == null ? gone(s) : s.endReason();
        RunReport report = new RunReport(s.runId(), session.plan().name(), journal, s.processed(), s.total(),
                s.quarantined(), s.written(), s.elapsed(), s.resumed(), message);
        out.report().set(report);
        String text = RunOutputs.outcome(report, session.planKind());
        out.notice().set(text);
        if (journal == RunState.COMPLETED) {
            session.info("run", text);
        } else {
            session.warn("run", text);
        }
    }

    private String gone(RunSnapshot s) {
        var g = s.workerGone();
        List<String> tail = WorkerLogs.tail(g.log(), 3);
        if (g.log() != null) {
            session.workerLog(g.log());
            tail.forEach(line -> session.warn("run", "worker log | " + line));
        }
        return "its worker" + (g.pid() > 0 ? " (pid " + g.pid() + " on " + g.host() + ")" : "")
                + " has not been heard from since " + dev.ferry.format.HumanFormat.time(g.since())
                + ". Resume starts a new worker (it waits until the old one's lease expires)"
                + (g.log() == null ? "" : "; its log: " + g.log());
    }

    /** A worker this console started that ended before the journal showed anything of it failed to start. */
    private void checkWorker() {
        if (worker == null || worker.alive()) {
            return;
        }
        Instant now = clock.instant();
        if (exitSeenAt == null) {
            exitSeenAt = now;
            return;
        }
        if (Duration.between(exitSeenAt, now).compareTo(EXIT_SETTLE) < 0 && !journalMovedSinceLaunch) {
            return; // the journal may not have told the watch yet
        }
        int code = worker.exitCode().orElse(-1);
        session.info("run", "Worker pid " + worker.pid() + " ended (exit " + code + "); its log: " + worker.log());
        if (!journalMovedSinceLaunch && code != 0) {
            String reason = "The worker (pid " + worker.pid() + ") stopped before it opened the run (exit " + code
                    + "): " + String.join(" | ", worker.tail(3)) + ". Its log: " + worker.log();
            out.problem().set(reason);
            session.error("run", reason);
            session.moveTo(beforeLaunch);
        }
        worker = null;
        out.active().set(session.state() == ConsoleState.RUNNING);
    }

    /** The worker this console started last, while it runs (tests and the benchmark wait on it). */
    WorkerProcess worker() {
        return worker;
    }
}
