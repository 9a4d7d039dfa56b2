package dev.ferry.ui.history;

import dev.ferry.engine.RunOutcome;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.ValidationVerdict;
import dev.ferry.format.HumanFormat;
import dev.ferry.service.Action;
import dev.ferry.service.ConsoleState;
import dev.ferry.report.ReportFiles;
import dev.ferry.report.ReportFormat;
import dev.ferry.report.RunMessage;
import dev.ferry.service.HistoryService;
import java.nio.file.Path;
import dev.ferry.service.RunService;
import dev.ferry.service.Session;
import dev.ferry.service.Tone;
import dev.ferry.ui.shell.Navigator;
import dev.ferry.ui.shell.Screen;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * History: every run the journal records, newest first, with the commands for the selected one: resume an
 * interrupted or paused run, or roll back one that wrote something (on the rollback screen, with that run chosen).
 */
public final class HistoryViewModel {

    private final Session session;
    private final HistoryService history;
    private final RunService runs;
    private final Navigator navigator;
    private final Consumer<String> rollBackRun;

    // Properties
    private final ObservableList<RunSummary> rows = FXCollections.observableArrayList();
    private final ObjectProperty<RunSummary> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not loaded");
    private final StringBinding whyNotResume;
    private final StringBinding whyNotRollback;
    private final StringBinding whyNotReport;
    private final ReadOnlyStringWrapper reported = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper messageText = new ReadOnlyStringWrapper("");

    /** @param rollBackRun opens the rollback screen with the given run chosen */
    public HistoryViewModel(Session session, HistoryService history, RunService runs, Navigator navigator,
                            Consumer<String> rollBackRun) {
        this.session = session;
        this.history = history;
        this.runs = runs;
        this.navigator = navigator;
        this.rollBackRun = rollBackRun;
        whyNotResume = Bindings.createStringBinding(this::resumeRefusal, selected, session.stateProperty(),
                session.planProperty(), session.connectionProperty());
        whyNotRollback = Bindings.createStringBinding(this::rollbackRefusal, selected, session.stateProperty(),
                session.planProperty(), rows);
        whyNotReport = Bindings.createStringBinding(this::reportRefusal, selected, session.planProperty());
        runs.activeProperty().addListener((o, was, now) -> {
            if (!now) {
                refresh(); // a run just stopped: its row changed
            }
        });
    }

    // Properties

    public ObservableList<RunSummary> rows() {
        return rows;
    }

    public ObjectProperty<RunSummary> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Empty when the selected run can be resumed; otherwise why not. */
    public StringBinding whyNotResume() {
        return whyNotResume;
    }

    /** Empty when the selected run can be rolled back; otherwise why not. */
    public StringBinding whyNotRollback() {
        return whyNotRollback;
    }

    /** Empty when a report of the selected run can be written; otherwise why not. */
    public StringBinding whyNotReport() {
        return whyNotReport;
    }

    /** What the last report written says of itself: where it is and its SHA-256. */
    public ReadOnlyStringProperty reportedProperty() {
        return reported.getReadOnlyProperty();
    }

    /** The name the save dialog offers: "ferry-report-PLAN-RUN.html". */
    public String reportFileName() {
        RunSummary r = selected.get();
        return r == null ? "ferry-report.html" : ReportFiles.fileName(r.plan(), r.runId(), ReportFormat.HTML);
    }

    /** The runbook message last filled in (Messages panel), ready to copy. */
    public ReadOnlyStringProperty messageTextProperty() {
        return messageText.getReadOnlyProperty();
    }

    // Commands

    /** Fills one of the runbook's messages: the announcement from the dry run, the others from the selected run. */
    public void message(RunMessage which) {
        RunSummary r = selected.get();
        history.message(which, which == RunMessage.ANNOUNCE || r == null ? null : r.runId(), text -> {
            error.set("");
            messageText.set(text);
        }, why -> {
            messageText.set("");
            error.set(why);
        });
    }

    /** Writes the selected run's report to {@code file}, in the format its extension names (.html, .md, .json). */
    public void report(Path file) {
        String why = reportRefusal();
        if (!why.isEmpty()) {
            error.set(why);
            return;
        }
        String name = file.getFileName().toString();
        ReportFormat format;
        try {
            format = ReportFormat.parse(name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "");
        } catch (IllegalArgumentException e) {
            error.set("Save the report as .html, .md or .json: " + name + " names none of them.");
            return;
        }
        history.report(selected.get().runId(), format, file, written -> {
            error.set("");
            reported.set("Report of run " + written.digest().runId() + " written to " + written.file()
                    + " · SHA-256 " + written.digest().digest() + " kept in the journal");
        }, error::set);
    }

    public void refresh() {
        if (session.engine() == null) {
            return;
        }
        String keep = selected.get() == null ? null : selected.get().runId();
        history.load(list -> {
            error.set("");
            rows.setAll(list);
            selected.set(list.stream().filter(r -> r.runId().equals(keep)).findFirst()
                    .orElse(list.isEmpty() ? null : list.get(0)));
            status.set(list.isEmpty() ? "No runs in this database yet." : list.size() + (list.size() == 1 ? " run"
                    : " runs") + ", newest first.");
        }, error::set);
    }

    public void resume() {
        String why = resumeRefusal();
        if (!why.isEmpty()) {
            error.set(why);
            return;
        }
        navigator.show(Screen.RUN);
        runs.resume();
    }

    public void rollback() {
        String why = rollbackRefusal();
        if (!why.isEmpty()) {
            error.set(why);
            return;
        }
        rollBackRun.accept(selected.get().runId());
        navigator.show(Screen.ROLLBACK);
    }

    private String resumeRefusal() {
        RunSummary r = selected.get();
        if (r == null) {
            return "Select a run first";
        }
        if (!r.state().resumable() || r.state() == RunState.RUNNING) {
            return "Only a paused, cancelled or interrupted run can be resumed; this one is " + r.state().label();
        }
        if (session.plan() == null || !r.plan().equals(session.plan().name())) {
            return "Open the plan " + r.plan() + " to resume its run";
        }
        // a run journalled before Ferry recorded the plan's hash has none: unknown, so it does not block
        if (r.planHash() != null && !session.plan().hash().equals(r.planHash())) {
            return "The open plan has changed since this run (hash " + shortHash(r.planHash()) + "): a run resumes"
                    + " only with the plan it started with";
        }
        String why = session.whyNot(Action.RESUME);
        return why == null ? "" : why;
    }

    private String reportRefusal() {
        RunSummary r = selected.get();
        if (r == null) {
            return "Select a run first";
        }
        if (session.plan() == null || !r.plan().equals(session.plan().name())) {
            return "Open the plan " + r.plan() + " to report on its runs (the report lists its rules)";
        }
        return session.planKind().supports(dev.ferry.plan.PlanKind.Capability.RECORD_EVIDENCE) ? ""
                : "Reports are made of runs of plans that map documents; this plan's runs are in History and its checks";
    }

    private String rollbackRefusal() {
        RunSummary r = selected.get();
        if (r == null) {
            return "Select a run first";
        }
        if (r.state() == RunState.ROLLED_BACK) {
            return "This run is rolled back already";
        }
        if (r.state() == RunState.RUNNING) {
            return "The run is running: pause or cancel it first";
        }
        if (session.plan() == null || !r.plan().equals(session.plan().name())) {
            return "Open the plan " + r.plan() + " to roll back its runs";
        }
        if (session.state().busy()) {
            return "Busy: " + session.state().label();
        }
        RunSummary newest = rows.stream().filter(x -> x.plan().equals(r.plan()) && x.state() != RunState.ROLLED_BACK)
                .findFirst().orElse(r);
        if (!newest.runId().equals(r.runId())) {
            return "Roll back the newer run " + newest.runId() + " first: runs are undone newest first";
        }
        return session.state() == ConsoleState.RUNNING ? "Pause or cancel the run first" : "";
    }

    /** The State column's chip: green only for a run that migrated every record, as the CLI's history says. */
    public static Tone stateTone(RunSummary r) {
        RunOutcome o = RunOutcome.of(r);
        return switch (o.level()) {
            case WARNING -> Tone.PENDING;
            case FAILURE -> Tone.FAIL;
            default -> ConsoleState.of(r.state()).tone();
        };
    }

    /** The State column's word: "completed", "completed, 12 in quarantine", "nothing migrated", "paused"… */
    public static String stateText(RunSummary r) {
        return RunOutcome.of(r).label();
    }

    /** The State column chip's word: the run's state ("completed" in amber with records in quarantine). */
    public static String stateWord(RunSummary r) {
        RunOutcome o = RunOutcome.of(r);
        return o.level() == RunOutcome.Level.WARNING ? ConsoleState.of(r.state()).label() : o.label();
    }

    /** The Validation column: the run's latest verdict in a word or two, "not validated" when it has none. */
    static String validationText(RunSummary r) {
        return r.validation() == null ? "not validated" : r.validation().summary();
    }

    /** Green when every check passed, red when one mismatched, grey when checks could not run or none did. */
    static Tone validationTone(RunSummary r) {
        ValidationVerdict v = r.validation();
        if (v == null) {
            return Tone.UNKNOWN;
        }
        return v.ok() ? Tone.OK : v.mismatched() > 0 ? Tone.FAIL : Tone.UNKNOWN;
    }

    /**
     * The run's worker and its audit trail for the details card: who started, resumed, paused, steered, validated and
     * rolled it back, from which host and when, and what came of each request. Empty for runs without them.
     */
    public static String auditDetail(RunSummary r) {
        StringBuilder out = new StringBuilder();
        if (r.worker() != null) {
            var w = r.worker();
            out.append("Worker: ").append(w.verb()).append(", pid ").append(w.pid()).append(" on ").append(w.host())
                    .append(" · ").append(w.alive() ? "working" : w.endedAt() != null ? "ended "
                            + HumanFormat.time(w.endedAt()) : "gone since " + HumanFormat.time(w.heartbeatAt()))
                    .append(w.log() == null ? "" : " · log " + w.log());
        }
        for (var a : r.audit()) {
            out.append(out.length() == 0 ? "" : "\n").append(HumanFormat.time(a.at())).append("  ").append(a.what())
                    .append(" by ").append(a.by()).append(a.host() == null ? "" : "@" + a.host())
                    .append(a.detail() == null || a.detail().isBlank() ? "" : " — " + a.detail());
        }
        return out.toString();
    }

    /** The details line's sentence about validation, with when it ran. */
    static String validationDetail(RunSummary r) {
        ValidationVerdict v = r.validation();
        return v == null ? "Not validated yet" : "Validated " + HumanFormat.time(v.at()) + ": " + v.summary();
    }

    /** The first 8 characters; "—" when the run recorded none (a PostgreSQL run from before Ferry kept it). */
    static String shortHash(String hash) {
        return hash == null ? "—" : hash.substring(0, Math.min(8, hash.length()));
    }
}
