package dev.ferry.ui.rollback;

import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunEvent;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.PlanKind;
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
            return p == null ? "" : "Run " + p.runId() + " (" + p.state().label() + ") on database " + p.database()
                    + ": " + changes(session.planKind(), p) + ".";
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
        return Bindings.createStringBinding(() -> session.planKind().words().rollback(), session.planProperty());
    }

    /** Headers of the what-will-be-undone table, in the plan kind's nouns: "Collection", "Documents to remove", … */
    public StringBinding headerProperty(int i) {
        return Bindings.createStringBinding(() -> {
            PlanKind kind = session.planKind();
            String records = capitalized(kind.records());
            return List.of(capitalized(kind.container()), records + " to remove", records + " to put back").get(i);
        }, session.planProperty());
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
        progressText.set("starting… (" + HumanFormat.count(p.total()) + " " + session.planKind().records()
                + " to undo)");
        rollbacks.rollback(p.runId(), this::progressed, report -> done(p, report), reason -> {
            phase.set(Phase.CONFIRM);
            progress.set(0);
            progressText.set("stopped");
            error.set(reason);
        });
    }

    private void progressed(RunEvent.UndoProgress u) {
        progress.set(u.total() <= 0 ? 1 : (double) u.done() / u.total());
        progressText.set(HumanFormat.count(u.done()) + " / " + HumanFormat.count(u.total()) + " "
                + session.planKind().records() + " undone");
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
        boolean checksums = session.planKind().supports(PlanKind.Capability.ROLLBACK_CHECKSUMS);
        checks.addAll(checksums ? RestoredCheck.of(report.verification())
                : RestoredCheck.ofTables(report.verification()));
        report.dropped().forEach(d -> checks.add(RestoredCheck.dropped(d))); // dropped once verified empty
        checklist.setAll(checks);
        verdictTone.set(report.verified() ? Tone.OK : Tone.FAIL);
        verdict.set((!report.verified() ? "The restored state differs from before the run: see the failed checks, and"
                + " the log." : checksums ? "Restored state verified: every target matches its checksum from before"
                + " the run" + (checks.stream().anyMatch(c -> "changed".equals(c.status()))
                ? "; the source changed meanwhile, by its applications (Ferry never writes a source)."
                : ", and the source is unchanged.")
                : "Restored state verified: every table has the rows and column types it had before the run.")
                + (report.verified() && !report.leftBehind().isEmpty() ? " " + report.leftBehind() : ""));
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

    /**
     * What the rollback will do, in the plan kind's words, per collection or table ("delete 10,517 documents the run
     * inserted into dataset_metadata; …"), and where it takes back what it puts back.
     */
    static String changes(PlanKind kind, RollbackPreview p) {
        List<String> parts = new ArrayList<>();
        for (String c : new TreeSet<>(union(p))) {
            long delete = p.toDelete().getOrDefault(c, 0L);
            long restore = p.toRestore().getOrDefault(c, 0L);
            if (delete > 0) {
                parts.add(kind.words().delete(c, kind.records(delete, HumanFormat.count(delete))));
            }
            if (restore > 0) {
                parts.add(kind.words().restore(c, kind.records(restore, HumanFormat.count(restore))));
            }
        }
        String from = kind.words().undoFrom();
        return parts.isEmpty() ? "nothing to change" : String.join("; ", parts) + (from == null ? "" : ", from " + from);
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
