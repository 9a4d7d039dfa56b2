package dev.ferry.service;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunOutcome;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanKind;
import java.time.Clock;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every screen shares: the connection, the plan, the latest dry run, where the plan's run stands, and the log.
 * Changed only on the UI thread (by the services' callbacks); screens bind to it.
 */
public final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final int LOG_LIMIT = 2_000;

    // Properties
    private final ObjectProperty<MigrationEngine> engine = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper connectionLabel = new ReadOnlyStringWrapper("not connected");
    private final ReadOnlyObjectWrapper<ConnectionStatus> connection =
            new ReadOnlyObjectWrapper<>(ConnectionStatus.NOT_CONNECTED);
    private final ReadOnlyObjectWrapper<MigrationPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<DryRunReport> dryRun = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper dryRunPlanHash = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<ConsoleState> state = new ReadOnlyObjectWrapper<>(ConsoleState.NO_PLAN);
    private final ReadOnlyObjectWrapper<RunOutcome> outcome = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LogEntry> log = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper workerLog = new ReadOnlyStringWrapper("");
    /** The connection string of the connected database, for worker processes (never shown, logged or saved). */
    private volatile String connectionUri;
    /** The other database's connection string, for a cross-store plan's workers (never shown, logged or saved). */
    private volatile String otherUri;
    private volatile boolean usesWorkers;
    private final Clock clock;

    public Session() {
        this(Clock.systemUTC());
    }

    public Session(Clock clock) {
        this.clock = clock;
    }

    public ReadOnlyObjectProperty<MigrationEngine> engineProperty() {
        return engine;
    }

    /** The connected database's engine (MongoDB or PostgreSQL), or null when not connected. */
    public MigrationEngine engine() {
        return engine.get();
    }

    public ReadOnlyStringProperty connectionLabelProperty() {
        return connectionLabel.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionStatus> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MigrationPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public MigrationPlan plan() {
        return plan.get();
    }

    /** The open plan's kind, which screens ask what to show; a split when none is open (the built-in plan is one). */
    public PlanKind planKind() {
        return plan.get() == null ? PlanKind.SPLIT : plan.get().kind();
    }

    public ReadOnlyObjectProperty<DryRunReport> dryRunProperty() {
        return dryRun.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConsoleState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ConsoleState state() {
        return state.get();
    }

    /** How the plan's latest run ended (null before one ended): what the state chip says once it completed. */
    public ReadOnlyObjectProperty<RunOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /**
     * The state chip's tone: a completed (or validated) run is green only when it migrated every record — amber with
     * records in quarantine, red when it migrated none — as the CLI's report and History say.
     */
    public Tone stateTone() {
        RunOutcome o = outcome.get();
        if (!endedWithOutcome() || o == null) {
            return state.get().tone();
        }
        return switch (o.level()) {
            case WARNING -> Tone.PENDING;
            case FAILURE -> Tone.FAIL;
            default -> state.get().tone();
        };
    }

    /** The state chip's word: "completed, 12 in quarantine", "nothing migrated", or the state's label. */
    public String stateLabel() {
        RunOutcome o = outcome.get();
        if (!endedWithOutcome() || o == null) {
            return state.get().label();
        }
        // validated checks of a run with records in quarantine are not all good either: "validated, 6 in quarantine"
        return state.get() == ConsoleState.COMPLETED ? o.label()
                : o.label().replaceFirst("^completed", state.get().label());
    }

    /** A completed run, or its passed validation: the chip says how the run ended, not only the state. */
    private boolean endedWithOutcome() {
        return state.get() == ConsoleState.COMPLETED || state.get() == ConsoleState.VALIDATED;
    }

    public ObservableList<LogEntry> log() {
        return log;
    }

    /** Whether runs, validations and rollbacks go to worker processes (set by {@link RunService}'s mode). */
    public boolean usesWorkers() {
        return usesWorkers;
    }

    void useWorkers(boolean workers) {
        usesWorkers = workers;
    }

    /** The connected database's address for a worker process, or null when it was connected without one. */
    public String connectionUri() {
        return connectionUri;
    }

    /**
     * What a worker process for this connection gets in its environment: {@code FERRY_URI}, and
     * {@code FERRY_SOURCE_URI} for the other database of a cross-store plan; never on its command line.
     */
    public java.util.Map<String, String> workerEnvironment() {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        if (connectionUri != null) { // none for an engine handed over without its address (no worker can be started)
            env.put("FERRY_URI", connectionUri);
        }
        if (otherUri != null) {
            env.put("FERRY_SOURCE_URI", otherUri);
        }
        return java.util.Map.copyOf(env);
    }

    /** The log file of the latest worker this console watched, or empty. */
    public ReadOnlyStringProperty workerLogProperty() {
        return workerLog.getReadOnlyProperty();
    }

    public void workerLog(String path) {
        workerLog.set(path == null ? "" : path);
    }

    /** True when the latest dry run was of the plan as it is now (same hash). */
    public boolean dryRunOfCurrentPlan() {
        return plan.get() != null && Objects.equals(plan.get().hash(), dryRunPlanHash.get());
    }

    /** True when the latest dry run was of the plan as it is now and found nothing that blocks a run. */
    public boolean dryRunCurrent() {
        return dryRunOfCurrentPlan() && (dryRun.get() == null || dryRun.get().runnable());
    }

    /** Disabled-ness of a button for {@code action}; recomputed whenever state, plan, dry run or connection change. */
    public BooleanBinding notAllowed(Action action) {
        return Bindings.createBooleanBinding(() -> whyNot(action) != null, state, plan, dryRunPlanHash, dryRun, connection);
    }

    /** The tooltip of a button for {@code action}: why it is disabled, or empty. */
    public StringBinding reason(Action action) {
        return Bindings.createStringBinding(() -> Objects.requireNonNullElse(whyNot(action), ""),
                state, plan, dryRunPlanHash, dryRun, connection);
    }

    /** Why {@code action} is not allowed now, or null when it is. */
    public String whyNot(Action action) {
        int blockers = dryRunOfCurrentPlan() && dryRun.get() != null ? dryRun.get().blockers().size() : 0;
        return action.whyNot(state.get(), connection.get() == ConnectionStatus.CONNECTED, dryRunCurrent(), blockers)
                .orElse(null);
    }

    // Commands (called by services, on the UI thread)

    public void connecting(String label) {
        connectionLabel.set(label);
        connection.set(ConnectionStatus.CONNECTING);
    }

    /**
     * Takes over {@code opened} at {@code uri} (with its password: workers started for it connect with it, through
     * their environment), closing the previous connection.
     */
    public void connected(MigrationEngine opened, String label, String uri) {
        connected(opened, label, uri, null);
    }

    /** As {@link #connected(MigrationEngine, String, String)}, with the other database of a cross-store plan (or null). */
    public void connected(MigrationEngine opened, String label, String uri, String other) {
        connectionUri = uri;
        otherUri = other;
        take(opened, label);
    }

    /** Takes over {@code opened}, closing the previous connection; workers cannot be started for it. */
    public void connected(MigrationEngine opened, String label) {
        connectionUri = null;
        otherUri = null;
        take(opened, label);
    }

    private void take(MigrationEngine opened, String label) {
        MigrationEngine previous = engine.get();
        engine.set(opened);
        connectionLabel.set(label);
        connection.set(ConnectionStatus.CONNECTED);
        if (previous != null && previous != opened) {
            previous.close();
        }
        info("connection", "Connected to " + label);
    }

    public void connectionFailed(String label, String reason) {
        connectionLabel.set(label);
        connection.set(ConnectionStatus.FAILED);
        error("connection", reason);
    }

    /** A newly opened plan starts as a draft: it needs a dry run before it may run. */
    public void planOpened(MigrationPlan opened) {
        dryRun.set(null);
        dryRunPlanHash.set(null);
        state.set(ConsoleState.DRAFT);
        outcome.set(null);
        plan.set(opened); // last: whoever reacts to the plan sees its state and no stale dry run
        info("plan", "Opened plan " + opened.name() + " (" + opened.file() + ")");
    }

    /**
     * Records the dry run of the plan whose hash was {@code planHash}; a draft becomes ready unless the dry run found
     * something that blocks the run (then it stays a draft and Run says why).
     */
    public void dryRunDone(DryRunReport report, String planHash) {
        dryRunPlanHash.set(planHash); // first: bindings on the report must see the hash it belongs to
        dryRun.set(report);
        if (state.get() == ConsoleState.DRY_RUNNING || state.get() == ConsoleState.DRAFT) {
            state.set(report.runnable() ? ConsoleState.READY : ConsoleState.DRAFT);
        }
    }

    public void moveTo(ConsoleState next) {
        state.set(next);
    }

    /** Where a run left the plan, and how it ended (for a completed run's chip). */
    public void moveTo(ConsoleState next, RunOutcome ended) {
        outcome.set(ended); // first: whoever reacts to the state sees its outcome
        state.set(next);
    }

    public void info(String source, String message) {
        append(LogEntry.Level.INFO, source, message);
    }

    public void warn(String source, String message) {
        append(LogEntry.Level.WARN, source, message);
    }

    public void error(String source, String message) {
        append(LogEntry.Level.ERROR, source, message);
    }

    private void append(LogEntry.Level level, String source, String message) {
        LogEntry entry = new LogEntry(clock.instant(), level, source, message);
        switch (level) {
            case ERROR -> LOG.warn("[{}] {}", source, message);
            case WARN -> LOG.info("[{}] {}", source, message);
            default -> LOG.debug("[{}] {}", source, message);
        }
        log.add(entry);
        if (log.size() > LOG_LIMIT) {
            log.remove(0, log.size() - LOG_LIMIT);
        }
    }
}
