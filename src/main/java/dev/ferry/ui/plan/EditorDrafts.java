package dev.ferry.ui.plan;

import dev.ferry.service.PlanDocument;
import dev.ferry.service.PlanDrafts;
import dev.ferry.service.PlanTextService;
import java.io.IOException;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The editor's crash-safe drafts: one kept whenever the text is read while unsaved, dropped once the text is saved or
 * back as saved; and the draft found on opening a plan, offered until it is restored or discarded (kept on disk till
 * then, so answering later loses nothing). Versions order the writes: a later edit's draft is never overwritten.
 */
final class EditorDrafts {

    private final PlanTextService texts;
    private final ReadOnlyObjectWrapper<PlanDrafts.Draft> offered = new ReadOnlyObjectWrapper<>();
    /** A draft of the open text is on disk (kept by us, or found on opening). */
    private boolean onDisk;

    EditorDrafts(PlanTextService texts) {
        this.texts = texts;
    }

    ReadOnlyObjectProperty<PlanDrafts.Draft> offeredProperty() {
        return offered.getReadOnlyProperty();
    }

    /** A text was opened, with the draft found for it (if any): offered until answered. */
    void opened(PlanTextService.Loaded loaded) {
        offered.set(loaded.draft().orElse(null));
        onDisk = loaded.draft().isPresent();
    }

    /** The text was read: an unsaved text is kept, a text back as saved needs no draft any more. */
    void read(PlanDocument doc, String text, boolean unsaved, long version) {
        if (unsaved) {
            onDisk = true;
            texts.keepDraft(doc, text, version);
        } else if (onDisk && offered.get() == null) {
            drop(doc, version);
        }
    }

    /** Keeps the text now, in the background (another plan is opening). */
    void keep(PlanDocument doc, String text, long version) {
        onDisk = true;
        texts.keepDraft(doc, text, version);
    }

    /** Keeps the text now, on this thread: the console is closing and may be gone before any background work. */
    void keepBeforeExit(PlanDocument doc, String text, long version) throws IOException {
        onDisk = true;
        texts.drafts().keep(doc, text, version);
    }

    /** The text was saved (the save dropped the draft). */
    void saved() {
        onDisk = false;
    }

    /** The text is back as saved: its draft goes. */
    void reverted(PlanDocument doc, long version) {
        if (onDisk && offered.get() == null) {
            drop(doc, version);
        }
    }

    /** The offered draft, no longer offered (its text goes into the editor and is kept again as typed). */
    Optional<PlanDrafts.Draft> restore() {
        Optional<PlanDrafts.Draft> draft = Optional.ofNullable(offered.get());
        offered.set(null);
        return draft;
    }

    void discard(PlanDocument doc, long version) {
        if (offered.get() != null) {
            offered.set(null);
            drop(doc, version);
        }
    }

    private void drop(PlanDocument doc, long version) {
        onDisk = false;
        texts.dropDraft(doc, version);
    }
}
