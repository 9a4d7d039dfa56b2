package dev.ferry.ui.rollback;

import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunEvent;
import dev.ferry.format.HumanFormat;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.RollbackService;
import dev.ferry.service.Session;
import dev.ferry.service.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rollback screen: what will be undone (per collection, from the run's undo log), the typed confirmation (the
 * plan's name), the rollback's progress, then the checklist of the restored state beside the verdict from before.
 */
public final class RollbackViewModel {

    /** Where the screen is: friction first, then progress, then the evidence. */
    public enum Phase { CONFIRM, ROLLING_BACK, DONE }

    /** One collection of the confirmation: documents the rollback will delete and restore. */
    public record UndoRow(String collection, long toDelete, long toRestore) { }

    private final Session session;
    private final RollbackService rollbacks;
    private String runId;

    // Properties
    private final ReadOnlyObjectWrapper<RollbackPreview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.CONFIRM);
    private final StringProperty typed = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper before = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("not started");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> verdictTone = new ReadOnlyObjectWrapper<>(Tone.UNKNOWN);
    private final ObservableList<UndoRow> undo = FXCollections.observableArrayList();
    private final ObservableList<RestoredCheck> checklist = FXCollections.observableArrayList();
    private final StringBinding buttonText;
    private final StringBinding summary;
    private final BooleanBinding canConfirm;

    public RollbackViewModel(Session session, RollbackService rollbacks) {
        this.session = session;
        this.rollbacks = rollbacks;
        buttonText = Bindings.createStringBinding(() -> "Roll back " + planName() + " on "
                + (preview.get() == null ? "its database" : preview.get().database()), preview, session.planProperty());
        summary = Bindings.createStringBinding(() -> {
            RollbackPreview p = preview.get();
            if (p == null) {
                return "";
            }
            if (session.splitPlan() == null) {
                return "Run " + p.runId() + " (" + p.state().label() + ") on database " + p.database() + ": "
                        + changes(p) + ".";
            }
            return "Run " + p.runId() + " (" + p.state().label() + ") on database " + p.database() + ": "
                    + HumanFormat.count(p.toDelete().values().stream().mapToLong(Long::longValue).sum())
                    + " documents will be deleted and " + HumanFormat.count(p.toRestore().values().stream()
                    .mapToLong(Long::longValue).sum()) + " restored, from the run's undo log in the journal (the keys"
                    + " it inserted, and the pre-images of what it replaced).";
        }, preview);
        canConfirm = Bindings.createBooleanBinding(() -> preview.get() != null && phase.get() == Phase.CONFIRM
                && matches(typed.get()) && !session.state().busy(), preview, phase, typed, session.stateProperty());
    }

    // Properties

    public ReadOnlyObjectProperty<RollbackPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** What the operator typed to confirm. */
    public StringProperty typedProperty() {
        return typed;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The verdict from before the rollback: the run's state and where the console stood. */
    public ReadOnlyStringProperty beforeProperty() {
        return before.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> verdictToneProperty() {
        return verdictTone.getReadOnlyProperty();
    }

    public ObservableList<UndoRow> undo() {
        return undo;
    }

    public ObservableList<RestoredCheck> checklist() {
        return checklist;
    }

    /** "Roll back split-user-data on narrative_modeling": never Yes/OK. */
    public StringBinding buttonTextProperty() {
        return buttonText;
    }

    /** How this plan's rollback works, in a sentence or two. */
    public StringBinding introProperty() {
        return Bindings.createStringBinding(() -> session.documentPlan()
                ? "A rollback replays the run's undo log in reverse, batch by batch: it deletes what the run inserted"
                + " and puts back the pre-images of what it replaced. Then it checks every target against the checksum"
                + " taken before the run, and the source against what the run read."
                : "A PostgreSQL plan's rollback is its down: a key conversion moves the original tables back from the"
                + " backup schema (rows written since the conversion are lost), a column change drops what it added."
                + " Then it checks every table's rows and column types against those taken before the run.",
                session.planProperty());
    }

    /** Headers of the what-will-be-undone table: collection and documents, or table and rows. */
    public StringBinding headerProperty(int i) {
        return Bindings.createStringBinding(() -> (session.documentPlan()
                ? List.of("Collection", "Documents to delete", "Documents to restore")
                : List.of("Table or column", "Rows dropped", "Rows put back")).get(i), session.planProperty());
    }

    public StringBinding summaryProperty() {
        return summary;
    }

    public BooleanBinding canConfirmProperty() {
        return canConfirm;
    }

    public String planName() {
        return session.plan() == null ? "the plan" : session.plan().name();
    }

    public Session session() {
        return session;
    }

    // Commands

    /** Preselects a run (from History); null means the plan's newest run that is not rolled back. */
    public void select(String run) {
        this.runId = run;
        refresh();
    }

    /** Reads what the rollback would undo; keeps a finished rollback's checklist in view until there is a new one. */
    public void refresh() {
        if (phase.get() == Phase.ROLLING_BACK) {
            return;
        }
        error.set("");
        rollbacks.preview(runId, p -> {
            preview.set(p);
            List<UndoRow> rows = new ArrayList<>();
            for (String c : new TreeSet<>(union(p))) {
                rows.add(new UndoRow(c, p.toDelete().getOrDefault(c, 0L), p.toRestore().getOrDefault(c, 0L)));
            }
            undo.setAll(rows);
            if (phase.get() == Phase.DONE) {
                phase.set(Phase.CONFIRM);
                checklist.clear();
                verdict.set("");
            }
            before.set("Run " + p.runId() + " is " + p.state().label() + "; the console says the plan is "
                    + session.state().label() + ".");
        }, reason -> {
            preview.set(null);
            undo.clear();
            error.set(reason);
        });
    }

    /** Rolls back, once the typed name matches. */
    public void confirm() {
        if (!canConfirm.get()) {
            error.set(preview.get() == null ? "Nothing to roll back yet: see above"
                    : "Type the plan name " + planName() + " exactly to confirm");
            return;
        }
        RollbackPreview p = preview.get();
        ConsoleState stateBefore = session.state();
        before.set("Before the rollback: run " + p.runId() + " was " + p.state().label() + "; the plan was "
                + stateBefore.label() + ".");
        error.set("");
        typed.set("");
        phase.set(Phase.ROLLING_BACK);
        progress.set(-1);
        progressText.set("starting… (" + HumanFormat.count(p.total()) + " documents to undo)");
        rollbacks.rollback(p.runId(), this::progressed, report -> done(p, report), reason -> {
            phase.set(Phase.CONFIRM);
            progress.set(0);
            progressText.set("stopped");
            error.set(reason);
        });
    }

    private void progressed(RunEvent.UndoProgress u) {
        progress.set(u.total() <= 0 ? 1 : (double) u.done() / u.total());
        progressText.set(HumanFormat.count(u.done()) + " / " + HumanFormat.count(u.total()) + " documents undone");
    }

    private void done(RollbackPreview p, RollbackReport report) {
        long deleted = report.deleted().values().stream().mapToLong(Long::longValue).sum();
        long restored = report.restored().values().stream().mapToLong(Long::longValue).sum();
        progress.set(1);
        progressText.set(HumanFormat.count(deleted) + " deleted, " + HumanFormat.count(restored) + " restored in "
                + HumanFormat.duration(report.elapsed()));
        List<RestoredCheck> checks = new ArrayList<>();
        for (String c : new TreeSet<>(union(p))) {
            checks.add(RestoredCheck.undo(c, RestoredCheck.get(report.deleted(), c), RestoredCheck.get(report.restored(), c),
                    p.toDelete().getOrDefault(c, 0L), p.toRestore().getOrDefault(c, 0L)));
        }
        checks.addAll(session.splitPlan() != null ? RestoredCheck.of(report.verification())
                : RestoredCheck.ofTables(report.verification()));
        checklist.setAll(checks);
        verdictTone.set(report.verified() ? Tone.OK : Tone.FAIL);
        verdict.set(report.verified() ? session.splitPlan() == null
                ? "Restored state verified: every table has the rows and column types it had before the run."
                : "Restored state verified: every target matches its checksum from before the run, and the source is"
                + " unchanged." : "The restored state differs from before the run: see the"
                + " failed checks, and the log.");
        phase.set(Phase.DONE);
    }

    private boolean matches(String text) {
        return session.plan() != null && text != null && text.strip().equals(session.plan().name());
    }

    private static java.util.Set<String> union(RollbackPreview p) {
        java.util.Set<String> all = new java.util.HashSet<>(p.toDelete().keySet());
        all.addAll(p.toRestore().keySet());
        return all;
    }

    /** A PostgreSQL plan's rollback in words: what is dropped, what is moved back from the backup schema. */
    static String changes(RollbackPreview p) {
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(p.toDelete()).forEach((what, rows) -> parts.add("drop " + what + " ("
                + HumanFormat.count(rows) + " rows)"));
        new java.util.TreeMap<>(p.toRestore()).forEach((table, rows) -> parts.add("put back the original " + table + " ("
                + HumanFormat.count(rows) + " rows) from the backup schema"));
        return parts.isEmpty() ? "nothing to change" : String.join("; ", parts);
    }
}
