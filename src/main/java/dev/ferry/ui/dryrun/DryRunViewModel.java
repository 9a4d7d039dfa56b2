package dev.ferry.ui.dryrun;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RecordError;
import dev.ferry.plan.PlanKind;
import dev.ferry.service.Action;
import dev.ferry.service.DryRunService;
import dev.ferry.service.LatestProgress;
import dev.ferry.service.Session;
import dev.ferry.service.TaskExecutor;
import dev.ferry.ui.common.Formats;
import dev.ferry.ui.shell.Navigator;
import dev.ferry.ui.shell.Screen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The dry run: counts per target, the records that would be quarantined, estimated duration and storage. */
public final class DryRunViewModel {

    private final Session session;
    private final DryRunService service;
    private final TaskExecutor executor;
    private final Navigator navigator;

    // Properties
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<DryRunReport.TargetEstimate> targets = FXCollections.observableArrayList();
    private final ObservableList<RecordError> errors = FXCollections.observableArrayList();
    private final StringBinding summary;
    private final StringBinding staleness;
    private final StringBinding blockers;
    private final StringBinding notes;

    public DryRunViewModel(Session session, DryRunService service, TaskExecutor executor, Navigator navigator) {
        this.session = session;
        this.service = service;
        this.executor = executor;
        this.navigator = navigator;
        summary = Bindings.createStringBinding(this::describePlan, session.planProperty(), session.dryRunProperty());
        blockers = blockersText();
        notes = notesText();
        staleness = Bindings.createStringBinding(() -> session.dryRunProperty().get() != null && !session.dryRunOfCurrentPlan()
                ? "The plan has changed since this dry run: run it again before running the plan." : "",
                session.planProperty(), session.dryRunProperty());
        session.dryRunProperty().addListener((o, was, report) -> show(report));
        show(session.dryRunProperty().get());
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The last failure in words, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DryRunReport> reportProperty() {
        return session.dryRunProperty();
    }

    public ObservableList<DryRunReport.TargetEstimate> targets() {
        return targets;
    }

    public ObservableList<RecordError> errors() {
        return errors;
    }

    public StringBinding summary() {
        return summary;
    }

    public StringBinding staleness() {
        return staleness;
    }

    public BooleanBinding startDisabled() {
        return session.notAllowed(Action.DRY_RUN).or(running);
    }

    public StringBinding startReason() {
        return session.reason(Action.DRY_RUN);
    }

    public BooleanBinding runDisabled() {
        return session.notAllowed(Action.RUN);
    }

    public StringBinding runReason() {
        return session.reason(Action.RUN);
    }

    /** What blocks the run, one bullet each ("✗ Blocks the run:" first), or empty. */
    public StringBinding blockers() {
        return blockers;
    }

    /** What the dry run noticed, one bullet each, or empty. */
    public StringBinding notes() {
        return notes;
    }

    /** Records that would be quarantined, or (a kind that does not quarantine) the rows at fault that block the run. */
    public StringBinding errorsTitle() {
        return Bindings.createStringBinding(() -> quarantines() ? "Records that would be quarantined"
                : capitalized(session.planKind().records()) + " at fault (listed before anything is changed)",
                session.planProperty());
    }

    public StringBinding keyHeader() {
        return Bindings.createStringBinding(() -> session.planKind().supports(PlanKind.Capability.FIELD_MAPPING)
                ? "source _id" : session.planKind().container() + " and key", session.planProperty());
    }

    /** "Per target" for a kind that maps records into targets, else "Per table" (the tables it changes). */
    public StringBinding targetsTitle() {
        return Bindings.createStringBinding(() -> "Per " + targetHeader().get(), session.planProperty());
    }

    public StringBinding targetHeader() {
        return Bindings.createStringBinding(() -> session.planKind().supports(PlanKind.Capability.FIELD_MAPPING)
                ? "target" : session.planKind().container(), session.planProperty());
    }

    /** What an empty list of errors means: every record maps, or no row is at fault. */
    public StringBinding noErrors() {
        return Bindings.createStringBinding(() -> quarantines() ? "No errors: every record maps."
                : "No " + session.planKind().records() + " at fault.", session.planProperty());
    }

    /** True when records that cannot be migrated are quarantined and the run goes on, rather than blocking it. */
    private boolean quarantines() {
        return session.planKind().supports(PlanKind.Capability.QUARANTINE);
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private StringBinding blockersText() {
        return Bindings.createStringBinding(() -> {
            DryRunReport r = session.dryRunProperty().get();
            return r == null || r.runnable() ? "" : "✗ Blocks the run (fix, then dry-run again):\n  • "
                    + String.join("\n  • ", r.blockers());
        }, session.dryRunProperty());
    }

    private StringBinding notesText() {
        return Bindings.createStringBinding(() -> {
            DryRunReport r = session.dryRunProperty().get();
            return r == null || r.notes().isEmpty() ? "" : "ℹ " + String.join("\nℹ ", r.notes());
        }, session.dryRunProperty());
    }

    /** The figures strip: label → value, in order. */
    public List<String[]> figures() {
        DryRunReport r = session.dryRunProperty().get();
        if (r == null) {
            return List.of();
        }
        List<String[]> out = new ArrayList<>();
        boolean quarantines = quarantines();
        out.add(new String[] {quarantines ? "source records" : session.planKind().records() + " checked",
                Formats.count(r.sourceRecords())});
        out.add(new String[] {quarantines ? "would be quarantined" : "values at fault", Formats.count(r.errorCount())});
        if (r.estimatedDuration() != null) {
            out.add(new String[] {"estimated run time", Formats.duration(r.estimatedDuration())});
        } else {
            out.add(new String[] {"blocks the run", r.runnable() ? "nothing" : Formats.count(r.blockers().size())});
        }
        out.add(new String[] {"estimated storage", Formats.bytes(r.estimatedBytes())});
        out.add(new String[] {"dry run took", Formats.duration(r.elapsed())});
        return out;
    }

    // Commands

    public void start() {
        message.set("");
        running.set(true);
        progress.set(-1);
        progressText.set("reading the source…");
        LatestProgress latest = new LatestProgress();
        TaskExecutor.Ticker ticker = executor.every(Duration.ofMillis(250), () -> paint(latest));
        service.start(latest, report -> {
            ticker.stop();
            running.set(false);
            progress.set(1);
            progressText.set("done");
        }, failure -> {
            ticker.stop();
            running.set(false);
            progress.set(0);
            progressText.set("");
            message.set(failure);
        });
    }

    public void goToRun() {
        navigator.show(Screen.RUN);
    }

    /** Writes the would-be-quarantined records as CSV (source key, reason) to {@code file}. */
    public void exportErrors(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("source_key,reason");
        for (RecordError e : errors) {
            lines.add(csv(e.sourceKey()) + "," + csv(e.reason()));
        }
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
            session.info("dry run", "Exported " + errors.size() + " errors to " + file);
        } catch (IOException e) {
            message.set("Cannot write " + file + ": " + e.getMessage() + ". Pick another place.");
            session.error("dry run", message.get());
        }
    }

    private void paint(LatestProgress latest) {
        progress.set(latest.fraction());
        progressText.set(latest.total() < 0 ? "reading the source…"
                : Formats.count(latest.processed()) + " / " + Formats.count(latest.total()) + " records read");
    }

    private void show(DryRunReport report) {
        targets.setAll(report == null ? List.of() : report.targets());
        errors.setAll(report == null ? List.of() : report.errors());
    }

    private String describePlan() {
        if (session.plan() == null) {
            return "Open a plan first.";
        }
        DryRunReport r = session.dryRunProperty().get();
        String source = session.plan().subject();
        String what = session.planKind().words().dryRun(source);
        return r == null ? what + ", writing nothing. Not run yet."
                : "Dry run of " + r.plan() + " (plan " + r.planHash().substring(0, 8) + ") over " + source
                + ": nothing was written." + (r.runnable() ? "" : " It found "
                + (r.blockers().size() == 1 ? "1 problem that blocks" : Formats.count(r.blockers().size())
                + " problems that block") + " the run (listed).") + (r.errorCount() > r.errors().size()
                ? " The table lists the first " + Formats.count(r.errors().size()) + " of "
                + Formats.count(r.errorCount()) + " errors." : "");
    }

    private static String csv(String value) {
        String v = value == null ? "" : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
