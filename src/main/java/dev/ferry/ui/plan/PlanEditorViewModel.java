package dev.ferry.ui.plan;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanError;
import dev.ferry.service.PlanDocument;
import dev.ferry.service.PlanDrafts;
import dev.ferry.service.PlanTextService;
import dev.ferry.service.Session;
import dev.ferry.service.TaskExecutor;
import dev.ferry.ui.common.Formats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The plan's text in the editor: which text is edited (a plan file, or the built-in plan), undo and redo, unsaved
 * changes (kept as a crash-safe draft, offered back on the next open), the text's lint errors at their lines as the
 * person types (read off the UI thread once typing pauses), and the plan the text is when it has none: what the
 * preview shows. The text is the truth: saving writes it as it is, comments and all.
 */
public final class PlanEditorViewModel {

    /** How long typing must pause before the text is read again. */
    static final Duration LINT_DELAY = Duration.ofMillis(300);

    private final Session session;
    private final PlanTextService texts;
    private final TaskExecutor executor;
    private final LongSupplier millis;
    private final EditHistory history = new EditHistory();
    private final EditorDrafts drafts;

    // Properties
    private final ReadOnlyObjectWrapper<PlanDocument> document = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<MigrationPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ObservableList<PlanError> errors = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper loads = new ReadOnlyIntegerWrapper();
    private final StringBinding status;
    private final BooleanBinding editable;

    private long version;
    private TaskExecutor.Ticker pendingLint;

    public PlanEditorViewModel(Session session, PlanTextService texts, TaskExecutor executor) {
        this(session, texts, executor, System::currentTimeMillis);
    }

    PlanEditorViewModel(Session session, PlanTextService texts, TaskExecutor executor, LongSupplier millis) {
        this.session = session;
        this.texts = texts;
        this.executor = executor;
        this.millis = millis;
        this.drafts = new EditorDrafts(texts);
        ReadOnlyObjectProperty<PlanDrafts.Draft> draft = drafts.offeredProperty();
        status = Bindings.createStringBinding(this::describeStatus, document, dirty, draft);
        editable = Bindings.createBooleanBinding(() -> document.get() != null && draft.get() == null, document, draft);
        session.planProperty().addListener((o, was, now) -> planOpened(now));
        planOpened(session.plan());
    }

    public ReadOnlyObjectProperty<PlanDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public String text() {
        return text.get();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** A draft from an earlier session that differs from the file: restore or discard it before editing. */
    public ReadOnlyObjectProperty<PlanDrafts.Draft> draftProperty() {
        return drafts.offeredProperty();
    }

    /** The plan the text is, as of its latest reading without errors (the text may have errors now). */
    public ReadOnlyObjectProperty<MigrationPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** The text's errors at their lines, as loading the saved file would report them. */
    public ObservableList<PlanError> errors() {
        return errors;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Counts the texts loaded into the editor (a plan opened, not an edit): the view goes to the top of each. */
    public ReadOnlyIntegerProperty loadsProperty() {
        return loads.getReadOnlyProperty();
    }

    /** What is edited and whether it is saved, in a line. */
    public StringBinding status() {
        return status;
    }

    /** The text can be typed in: something is open and no draft waits for an answer. */
    public BooleanBinding editable() {
        return editable;
    }

    // Commands

    /** The text as the person typed it (the view calls this on every change of its text). */
    public void edit(String edited) {
        if (document.get() == null || edited.equals(text.get())) {
            return;
        }
        history.record(text.get(), edited, millis.getAsLong());
        changed(edited);
    }

    public void undo() {
        if (history.canUndo()) {
            changed(history.undo().revert(text.get()));
        }
    }

    public void redo() {
        if (history.canRedo()) {
            changed(history.redo().apply(text.get()));
        }
    }

    /** Saves the text to its file; the built-in plan has none and asks for {@link #saveAs}. */
    public void save() {
        PlanDocument doc = document.get();
        if (doc == null) {
            return;
        }
        if (doc.builtIn()) {
            message.set("The built-in plan is part of Ferry: use Save as… to keep your changes in a file of your own.");
            return;
        }
        saveTo(doc.file(), saved -> { });
    }

    public void saveAs(Path file) {
        if (document.get() != null) {
            saveTo(file, saved -> { });
        }
    }

    /** Back to the text as saved (undoable), and the draft dropped. */
    public void revert() {
        PlanDocument doc = document.get();
        if (doc == null) {
            return;
        }
        edit(doc.text());
        history.seal();
        drafts.reverted(doc, ++version);
    }

    /** Puts the draft found on opening into the editor (undoable: one undo gives the file's text back). */
    public void restoreDraft() {
        drafts.restore().ifPresent(found -> {
            history.seal();
            edit(found.text());
            history.seal();
            message.set("Restored the draft kept " + Formats.time(found.keptAt()) + "; save to keep it in the file.");
        });
    }

    public void discardDraft() {
        if (document.get() != null) {
            drafts.discard(document.get(), ++version);
        }
    }

    /** Adds {@code field: { from: path }} under the target's fields in the text, after its last rule (undoable). */
    public void addRule(String target, String field, String path) {
        PlanDocument doc = document.get();
        if (doc == null || !editable.get()) {
            return;
        }
        String before = text.get();
        texts.addRule(doc, before, target, field, path, edit -> {
            if (!before.equals(text.get())) {
                message.set("The text changed while the rule was being added; add it again.");
                return;
            }
            history.seal();
            edit(edit.applyTo(before));
            history.seal();
            long line = before.substring(0, edit.offset()).chars().filter(c -> c == '\n').count() + 1;
            message.set("Added " + field.strip() + " (from " + path + ") to " + target + " at line " + line + ".");
        }, message::set);
    }

    /** Writes the draft now (the console is closing): nothing typed is lost even if the process ends next. */
    public void keepDraftNow() {
        PlanDocument doc = document.get();
        if (doc != null && dirty.get()) {
            try {
                drafts.keepBeforeExit(doc, text.get(), ++version);
            } catch (IOException e) {
                message.set("Could not keep a draft of " + doc.name() + ": " + e.getMessage());
            }
        }
    }

    /** Reads the text of a plan file that did not load, to fix it here (the open plan stays open). */
    public void open(Path file) {
        keepUnsaved();
        texts.load(file, this::show, message::set);
    }

    /** True when the text has a file to save to (the built-in plan has none: it is saved as a file of one's own). */
    public boolean hasFile() {
        return document.get() != null && !document.get().builtIn();
    }

    /** Saves to {@code target} (the text's file, or another); {@code done} gets whether it was saved. */
    void saveTo(Path target, Consumer<Boolean> done) {
        PlanDocument doc = document.get();
        String saving = text.get();
        long savedVersion = ++version;
        texts.save(doc, target, saving, savedVersion, saved -> {
            if (document.get() == doc) {
                document.set(saved.document());
                drafts.saved();
                refreshFlags();
            }
            message.set(saved.plan() == null ? "Saved " + target + " with " + saved.errors().size() + " error(s):"
                    + " the console keeps the plan it had open until they are fixed."
                    : session.state().busy() ? "Saved " + target + "; the run in progress goes on with the plan it"
                    + " started with." : "Saved " + target + ". Dry run the saved plan before it runs.");
            done.accept(true);
        }, reason -> {
            message.set(reason);
            done.accept(false);
        });
    }

    private void planOpened(MigrationPlan opened) {
        if (opened == null) {
            return;
        }
        PlanDocument doc = document.get();
        if (doc != null && opened.hash().equals(doc.diskHash()) && Objects.equals(opened.file(), doc.location())) {
            return; // the session took this text as saved here: go on editing it, undo history and all
        }
        keepUnsaved();
        texts.load(opened, this::show, reason -> {
            document.set(null);
            text.set("");
            history.clear();
            refreshFlags();
            message.set(reason);
        });
    }

    /** Before another text replaces this one: its unsaved changes become a draft, offered when it opens again. */
    private void keepUnsaved() {
        PlanDocument doc = document.get();
        if (doc != null && dirty.get()) {
            drafts.keep(doc, text.get(), ++version);
            message.set("Your unsaved changes to " + doc.name() + " are kept as a draft: opening it again offers"
                    + " them back.");
        }
    }

    private void show(PlanTextService.Loaded loaded) {
        stopPendingLint();
        document.set(loaded.document());
        drafts.opened(loaded);
        history.clear();
        text.set(loaded.document().text());
        errors.clear();
        refreshFlags();
        loads.set(loads.get() + 1);
        lintNow();
    }

    private void changed(String edited) {
        text.set(edited);
        refreshFlags();
        version++;
        stopPendingLint();
        pendingLint = executor.after(LINT_DELAY, this::lintNow);
    }

    private void lintNow() {
        pendingLint = null;
        PlanDocument doc = document.get();
        if (doc == null) {
            return;
        }
        String linting = text.get();
        texts.lint(doc, linting, linted -> {
            if (document.get() != doc || !linting.equals(text.get())) {
                return; // a newer text is being read
            }
            errors.setAll(linted.errors());
            if (linted.plan() != null) {
                plan.set(linted.plan());
            }
        });
        drafts.read(doc, linting, dirty.get(), version);
    }

    private void stopPendingLint() {
        if (pendingLint != null) {
            pendingLint.stop();
            pendingLint = null;
        }
    }

    private void refreshFlags() {
        PlanDocument doc = document.get();
        dirty.set(doc != null && !doc.text().equals(text.get()));
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
    }

    private String describeStatus() {
        PlanDocument doc = document.get();
        if (doc == null) {
            return "No plan text open";
        }
        PlanDrafts.Draft draft = drafts.offeredProperty().get();
        if (draft != null) {
            return "A draft of " + doc.name() + " from " + Formats.time(draft.keptAt()) + " was not saved"
                    + (draft.baseHash().equals(doc.diskHash()) ? "" : " (the file changed on disk since)")
                    + ": restore or discard it";
        }
        if (dirty.get()) {
            return "● Unsaved (kept as a draft) · Dry run and Run use the saved plan";
        }
        return doc.builtIn() ? "The built-in plan · Save as… to keep changes in a file" : "Saved · " + doc.file();
    }
}
