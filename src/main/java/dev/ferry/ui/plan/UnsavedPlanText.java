package dev.ferry.ui.plan;

import dev.ferry.ui.shell.UnsavedWork;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** The plan editor's unsaved text, as the console's close asks about it: save it, or drop it and its draft. */
public final class UnsavedPlanText implements UnsavedWork {

    private final PlanEditorViewModel editor;

    public UnsavedPlanText(PlanEditorViewModel editor) {
        this.editor = editor;
    }

    @Override
    public Optional<String> unsaved() {
        return editor.dirtyProperty().get()
                ? Optional.of("Your changes to " + editor.documentProperty().get().name() + " are not saved.")
                : Optional.empty();
    }

    @Override
    public boolean hasLocation() {
        return editor.hasFile();
    }

    @Override
    public void save(Path location, Consumer<Boolean> done) {
        var doc = editor.documentProperty().get();
        if (doc == null || (location == null && doc.builtIn())) {
            done.accept(doc == null);
            return;
        }
        editor.saveTo(location != null ? location : doc.file(), done);
    }

    @Override
    public void discard() {
        editor.revert();
    }
}
