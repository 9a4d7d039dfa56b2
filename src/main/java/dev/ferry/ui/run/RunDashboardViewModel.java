package dev.ferry.ui.run;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.PartitionStatus;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.format.HumanFormat;
import dev.ferry.service.Action;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.DryRunService;
import dev.ferry.service.LogEntry;
import dev.ferry.service.RunService;
import dev.ferry.service.RunSnapshot;
import dev.ferry.service.Session;
import dev.ferry.service.Tone;
import dev.ferry.ui.shell.Navigator;
import dev.ferry.ui.shell.Screen;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The run dashboard: the figures strip, the live charts' points (a bounded window), the per-target grid, the stall
 * banner, the run's log, and the commands of the fixed toolbar. Paints what {@link RunService} publishes each tick;
 * never touches a control and never leaves the UI thread.
 */
public final class RunDashboardViewModel {

    /** Points each live chart keeps: 30 s at 4 updates a second. */
    public static final int WINDOW = 120;
    /** No batch finished for this long while running: show the stall banner. */
    public static final Duration STALL_AFTER = Duration.ofSeconds(15);
    static final String NO_DATA = "no data yet";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final Session session;
    private final RunService runs;
    private final DryRunService dryRuns;
    private final Navigator navigator;
    private RunSnapshot last = RunSnapshot.NONE;

    // Properties
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper percent = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper processed = new ReadOnlyStringWrapper(NO_DATA);
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper(NO_DATA);
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper(NO_DATA);
    private final ReadOnlyStringWrapper errors = new ReadOnlyStringWrapper(NO_DATA);
    private final ReadOnlyStringWrapper latency = new ReadOnlyStringWrapper(NO_DATA);
    private final ReadOnlyBooleanWrapper hasData = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper stalled = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper stallMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper waitingMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper throttled = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper workerGoneMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper settings = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper settingsBy = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper copied = new ReadOnlyStringWrapper("");
    private final ObservableList<RunSnapshot.Sample> samples = FXCollections.observableArrayList();
    private final ObservableList<TargetRow> targets = FXCollections.observableArrayList();
    private final FilteredList<LogEntry> log;
    private final BooleanBinding dryRunOffered;
    private long updates;

    public RunDashboardViewModel(Session session, RunService runs, DryRunService dryRuns, Navigator navigator) {
        this.session = session;
        this.runs = runs;
        this.dryRuns = dryRuns;
        this.navigator = navigator;
        this.log = new FilteredList<>(session.log(), e -> e.source().equals("run") || e.source().equals("dry run"));
        this.dryRunOffered = Bindings.createBooleanBinding(() -> {
            String why = session.whyNot(Action.RUN);
            return why != null && why.contains("dry run") && session.whyNot(Action.DRY_RUN) == null;
        }, session.stateProperty(), session.planProperty(), session.dryRunProperty(), session.connectionProperty());
        runs.snapshotProperty().addListener((o, was, now) -> paint(now));
        runs.problemProperty().addListener((o, was, now) -> error.set(now));
        runs.noticeProperty().addListener((o, was, now) -> notice.set(now));
        session.dryRunProperty().addListener((o, was, now) -> apply(last));
        session.planProperty().addListener((o, was, now) -> apply(last));
        session.stateProperty().addListener((o, was, now) -> apply(last));
        apply(last);
    }

    // Properties

    /** 0..1, or -1 (indeterminate) while running before the first batch. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty percentProperty() {
        return percent.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty processedProperty() {
        return processed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latencyProperty() {
        return latency.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasDataProperty() {
        return hasData.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stalledProperty() {
        return stalled.getReadOnlyProperty();
    }

    /** Non-empty while the run waits for its database to come back: what happened and what Ferry does about it. */
    /** "throttled: replica lag 12 s > 5 s (…)" while the run slows for its target's sake, else empty. */
    public ReadOnlyStringProperty throttledProperty() {
        return throttled.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty waitingMessageProperty() {
        return waitingMessage.getReadOnlyProperty();
    }

    /** Non-empty when the run's worker stopped heartbeating: since when, where its log is, and what to do. */
    public ReadOnlyStringProperty workerGoneMessageProperty() {
        return workerGoneMessage.getReadOnlyProperty();
    }

    /** The run's settings when an operator changed them ("batch 500 · limit 2,000 docs/s"), else empty. */
    public ReadOnlyStringProperty settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    /** Who set the run's settings in force ("set by ana@ops-7"), else empty. */
    public ReadOnlyStringProperty settingsByProperty() {
        return settingsBy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stallMessageProperty() {
        return stallMessage.getReadOnlyProperty();
    }

    /** Why the last command failed, in words (shown in this screen; also in the log). */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last run left behind, or what is happening (pausing…). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Confirms a copied status update. */
    public ReadOnlyStringProperty copiedProperty() {
        return copied.getReadOnlyProperty();
    }

    /** The live charts' points, oldest first, at most {@link #WINDOW}. */
    public ObservableList<RunSnapshot.Sample> samples() {
        return samples;
    }

    public ObservableList<TargetRow> targets() {
        return targets;
    }

    public ObservableList<LogEntry> log() {
        return log;
    }

    /** True when Run waits for a dry run that this screen can start. */
    public BooleanBinding dryRunOfferedProperty() {
        return dryRunOffered;
    }

    public Session session() {
        return session;
    }

    /** Snapshots painted so far (for the responsiveness benchmark). */
    public long updates() {
        return updates;
    }

    // Commands

    public void dryRunFirst() {
        error.set("");
        notice.set("Dry run of the plan as it is now…");
        dryRuns.start(RunListener.NONE, report -> notice.set("Dry run done: "
                        + HumanFormat.count(report.sourceRecords()) + " records, " + HumanFormat.count(report.errorCount())
                        + " would be quarantined, about " + HumanFormat.duration(report.estimatedDuration())
                        + ". Ready to run."),
                reason -> {
                    notice.set("");
                    error.set(reason);
                });
    }

    public void run() {
        clearBanners();
        runs.start();
        error.set(runs.problemProperty().get());
    }

    public void pause() {
        runs.pause();
        error.set(runs.problemProperty().get());
    }

    public void resume() {
        clearBanners();
        runs.resume();
        error.set(runs.problemProperty().get());
    }

    private void clearBanners() {
        notice.set("");
        copied.set("");
        error.set("");
    }

    public void cancel() {
        runs.cancel();
        error.set(runs.problemProperty().get());
    }

    /**
     * New settings for the run from its next batch, from the toolbar's fields: a batch size and a rate limit in records
     * per second (0 removes it); a blank field leaves that setting as it is.
     */
    public void applySettings(String batchSize, String rate) {
        clearBanners();
        Integer size;
        Double limit;
        try {
            size = batchSize == null || batchSize.isBlank() ? null : Integer.valueOf(batchSize.strip().replace(",", ""));
            limit = rate == null || rate.isBlank() ? null : Double.valueOf(rate.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            error.set("Batch size and rate are whole numbers (records, records per second): \"" + batchSize + "\", \""
                    + rate + "\"");
            return;
        }
        if (size == null && limit == null) {
            error.set("Give a batch size, a rate limit (records per second, 0 for none), or both");
            return;
        }
        if (size != null && (size < 1 || size > 100_000) || limit != null && limit < 0) {
            error.set("A batch size is 1 to 100,000 records, a rate limit 0 (none) or more records per second");
            return;
        }
        runs.changeSettings(size, limit);
        error.set(runs.problemProperty().get());
    }

    /** Ctrl+R: run, or resume a paused or interrupted run; shows this screen. */
    public void runOrResume() {
        navigator.show(Screen.RUN);
        clearBanners();
        if (session.whyNot(Action.RESUME) == null) {
            runs.resume();
        } else {
            runs.start();
        }
        error.set(runs.problemProperty().get());
    }

    /** Ctrl+P: pause a running run, or resume a paused one. */
    public void pauseOrResume() {
        if (session.whyNot(Action.PAUSE) == null) {
            runs.pause();
        } else if (session.whyNot(Action.RESUME) == null) {
            navigator.show(Screen.RUN);
            runs.resume();
        } else {
            error.set(session.whyNot(Action.PAUSE));
        }
    }

    public void rollback() {
        navigator.show(Screen.ROLLBACK);
    }

    /** Runbook 000's status message for the run as it stands; the view puts it on the clipboard. */
    public String copyStatusUpdate() {
        String text = statusUpdate(last, session.state(), stalled.get(), unit());
        copied.set("Copied: " + text);
        session.info("run", "Status update copied: " + text);
        return text;
    }

    // Painting

    /** Paints one snapshot and adds its chart point (package-private so tests can paint synthetic ones). */
    void paint(RunSnapshot s) {
        if (s.runId() == null && !s.hasData() && last.runId() != null
                || s.runId() != null && last.runId() != null && !s.runId().equals(last.runId())) {
            samples.clear(); // a new attempt, or another run of the plan, starts its charts afresh
        }
        updates++;
        List<RunSnapshot.Sample> points = new ArrayList<>(s.backfill()); // replayed from the journal, as drawn live
        if (s.sample() != null) {
            points.add(s.sample());
        }
        if (points.size() > WINDOW) {
            points = points.subList(points.size() - WINDOW, points.size());
        }
        if (!points.isEmpty()) {
            samples.addAll(points);
            if (samples.size() > WINDOW) {
                samples.remove(0, samples.size() - WINDOW);
            }
        }
        apply(s);
    }

    /** The figures, banners and grid for {@code s} in the session's current state (repainted when that changes). */
    private void apply(RunSnapshot s) {
        last = s;
        ConsoleState state = session.state();
        boolean running = state == ConsoleState.RUNNING;
        hasData.set(s.hasData());
        if (!s.hasData()) {
            progress.set(running ? -1 : 0);
            percent.set("—");
            processed.set(s.total() >= 0 ? "0 / " + HumanFormat.count(s.total()) : NO_DATA);
            rate.set(NO_DATA);
            errors.set(NO_DATA);
            latency.set(NO_DATA);
            eta.set(running ? "estimating…" : NO_DATA);
            elapsed.set(running ? "starting…" : "—");
        } else {
            double fraction = s.total() > 0 ? Math.min(1, (double) s.processed() / s.total()) : 1;
            progress.set(fraction);
            percent.set(wholePercent(s.processed(), s.total()) + "%");
            processed.set(HumanFormat.count(s.processed()) + " / " + HumanFormat.count(s.total()));
            rate.set(HumanFormat.rate(s.docsPerSecond()) + " " + unit() + "/s");
            errors.set(HumanFormat.count(s.quarantined()));
            latency.set(millis(s.latencyP50()) + " / " + millis(s.latencyP95()) + " ms");
            elapsed.set(HumanFormat.duration(s.elapsed()));
            eta.set(state == ConsoleState.RUNNING && s.waiting() != null ? "waiting" : etaWords(s, state));
        }
        RunEvent.WaitingForDatabase w = running ? s.waiting() : null;
        waitingMessage.set(w == null ? "" : "Waiting for the database: " + w.reason() + ". Attempt " + w.attempt()
                + ", next try in " + HumanFormat.duration(w.delay()) + "; the run goes on from its last checkpoint by"
                + " itself when the database answers, and pauses (resumable) if it stays away past the retry limit.");
        throttled.set(running && s.throttled() != null ? s.throttled() : "");
        RunEvent.WorkerGone gone = s.workerGone();
        // once the session has the run as interrupted, its notice says the worker is gone (with where it stopped)
        workerGoneMessage.set(gone == null || s.ended() != null || state == ConsoleState.INTERRUPTED ? "" : "The run's worker"
                + (gone.pid() > 0 ? " (pid " + gone.pid() + " on " + gone.host() + ")" : "")
                + " has not been heard from" + (gone.since() == null ? "" : " since " + CLOCK.format(gone.since()))
                + ": its process stopped or its host"
                + " went away, and nothing advances the run. Resume starts a new worker from the last checkpoint"
                + (gone.log() == null ? "." : "; the old one's log: " + gone.log()));
        RunEvent.SettingsChanged set = s.settings();
        settings.set(set == null ? "" : "batch " + HumanFormat.count(set.batchSize()) + " · " + (set.rate() > 0
                ? "limit " + HumanFormat.count(Math.round(set.rate())) + " " + unit() + "/s" : "no rate limit"));
        settingsBy.set(set == null ? "" : "set by " + set.by());
        boolean stall = running && w == null && gone == null && s.sinceLastBatch().compareTo(STALL_AFTER) > 0;
        stalled.set(stall);
        stallMessage.set(stall ? "No batch has finished for " + HumanFormat.duration(s.sinceLastBatch())
                + ". The source or a target may be slow, locked or unreachable: check the database (and the log),"
                + " then wait, pause (the checkpoint is kept) or cancel." : "");
        targets.setAll(rows(s, state));
    }

    private static String etaWords(RunSnapshot s, ConsoleState state) {
        return switch (state) {
            case COMPLETED, VALIDATING, VALIDATED, MISMATCHED -> "done";
            case PAUSED -> "paused";
            case INTERRUPTED, FAILED -> "stopped";
            default -> s.eta() == null ? "unavailable" : HumanFormat.duration(s.eta());
        };
    }

    private List<TargetRow> rows(RunSnapshot s, ConsoleState state) {
        List<TargetRow> rows = new ArrayList<>();
        if (session.plan() == null) {
            return rows;
        }
        DryRunReport dry = session.dryRunProperty().get();
        String updated = s.lastBatchAt() == null ? "—" : CLOCK.format(s.lastBatchAt());
        for (String target : targets(dry, s)) {
            DryRunReport.TargetEstimate estimate = dry == null ? null : dry.targets().stream()
                    .filter(e -> e.collection().equals(target)).findFirst().orElse(null);
            long expected = estimate == null ? -1 : estimate.wouldInsert() + estimate.wouldUpdate();
            Tone tone;
            String word;
            if (!s.hasData()) {
                tone = state == ConsoleState.RUNNING ? Tone.RUNNING : Tone.UNKNOWN;
                word = state == ConsoleState.RUNNING ? "starting" : "not started";
            } else {
                tone = switch (state) {
                    case RUNNING -> s.waiting() != null ? Tone.PENDING : Tone.RUNNING;
                    // amber with records in quarantine, red with none migrated (the Quarantined column says how many)
                    case COMPLETED, VALIDATED -> session.stateTone();
                    case FAILED, MISMATCHED -> Tone.FAIL;
                    case PAUSED, INTERRUPTED -> Tone.PENDING;
                    default -> Tone.UNKNOWN;
                };
                word = state != ConsoleState.RUNNING ? state.label() : s.waiting() != null ? "waiting" : "writing";
            }
            rows.add(new TargetRow(target, tone, word, s.written().getOrDefault(target, 0L), expected,
                    estimate == null ? -1 : estimate.wouldInsert(), estimate == null ? -1 : estimate.wouldUpdate(),
                    s.quarantined(), updated));
        }
        for (PartitionStatus p : s.partitions()) {
            rows.add(partitionRow(p, state));
        }
        return rows;
    }

    /** A key range of a partitioned run, as a row of the grid: its records processed of its own total. */
    private static TargetRow partitionRow(PartitionStatus p, ConsoleState state) {
        boolean working = state == ConsoleState.RUNNING;
        Tone tone;
        String word;
        switch (p.state()) {
            case "DONE" -> {
                tone = Tone.OK;
                word = "done";
            }
            case "RUNNING" -> {
                tone = working ? Tone.RUNNING : Tone.PENDING;
                word = working ? "writing" : "stopped";
            }
            case "STOPPED" -> {
                tone = Tone.PENDING;
                word = "stopped";
            }
            default -> {
                tone = Tone.UNKNOWN;
                word = "waiting for a worker";
            }
        }
        if (p.takeovers() > 0) {
            word += " (taken over " + p.takeovers() + "×)";
        }
        return new TargetRow(p.label(), tone, word, p.processed(), p.total(), -1, -1, p.quarantined(),
                p.updatedAt() == null ? "—" : CLOCK.format(p.updatedAt()));
    }

    /**
     * The targets to show a row for: the plan's own (a split's collections, a PostgreSQL plan's table), then those its
     * dry run found (a key conversion rewrites every table that references the key), then any the engine reports.
     */
    private List<String> targets(DryRunReport dry, RunSnapshot s) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        if (session.plan() != null) {
            names.addAll(session.plan().targetNames());
        }
        if (dry != null) {
            dry.targets().forEach(t -> names.add(t.collection()));
        }
        names.addAll(s.written().keySet());
        return List.copyOf(names);
    }

    /**
     * Runbook 000's status update, e.g. {@code Progress: 3,500/10,523 documents (33%) · 110 docs/s · issues: none ·
     * ETA 1 h 15 min}.
     */
    static String statusUpdate(RunSnapshot s, ConsoleState state, boolean stalled) {
        return statusUpdate(s, state, stalled, "docs");
    }

    /** The records a run moves, in the open plan kind's words: "docs" or "rows". */
    public String unit() {
        return session.planKind().unit();
    }

    /** The same in {@code unit}s ("docs", "rows"). */
    static String statusUpdate(RunSnapshot s, ConsoleState state, boolean stalled, String unit) {
        String records = unit.equals("docs") ? "documents" : unit;
        if (!s.hasData()) {
            return "Progress: " + (s.total() >= 0 ? "0/" + HumanFormat.count(s.total()) + " " + records + " (0%)"
                    : "not started") + " · no throughput yet · issues: " + issues(s, stalled) + " · ETA unknown";
        }
        String end = switch (state) {
            case COMPLETED, VALIDATING, VALIDATED, MISMATCHED -> "done in " + HumanFormat.duration(s.elapsed());
            case PAUSED -> "ETA paused";
            case INTERRUPTED, FAILED -> "stopped (" + state.label() + ")";
            default -> "ETA " + (s.eta() == null ? "unknown" : HumanFormat.duration(s.eta()));
        };
        return "Progress: " + HumanFormat.count(s.processed()) + "/" + HumanFormat.count(s.total()) + " " + records + " ("
                + wholePercent(s.processed(), s.total()) + "%) · " + HumanFormat.rate(s.docsPerSecond())
                + " " + unit + "/s · issues: " + issues(s, stalled) + " · " + end;
    }

    private static String issues(RunSnapshot s, boolean stalled) {
        List<String> issues = new ArrayList<>();
        if (s.quarantined() > 0) {
            issues.add(HumanFormat.count(s.quarantined()) + " quarantined");
        }
        if (s.breach() != null) {
            issues.add("guardrail " + s.breach().guardrail() + " breached");
        }
        if (stalled) {
            issues.add("no batch for " + HumanFormat.duration(s.sinceLastBatch()));
        }
        return issues.isEmpty() ? "none" : String.join(", ", issues);
    }

    /** Rounded down, so a run never shows 100% before its last record. */
    static long wholePercent(long processed, long total) {
        return total <= 0 ? 100 : Math.min(100, processed * 100 / total);
    }

    private static String millis(Duration d) {
        return d == null ? "—" : HumanFormat.count(d.toMillis());
    }
}
