package dev.ferry.ui.history;

import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.ValidationVerdict;
import dev.ferry.format.HumanFormat;
import dev.ferry.service.Action;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.HistoryService;
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

    // Commands

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
