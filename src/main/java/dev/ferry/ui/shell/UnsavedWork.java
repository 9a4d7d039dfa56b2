package dev.ferry.ui.shell;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** Work a screen holds that closing the console would lose, asked about (save, discard or cancel) before it closes. */
public interface UnsavedWork {

    /** What is unsaved, in a sentence for the question; empty when nothing is. */
    Optional<String> unsaved();

    /** False when saving must ask where first (the built-in plan has no file of its own). */
    boolean hasLocation();

    /**
     * Saves the work ({@code location} when {@link #hasLocation()} is false, else null); {@code done} gets true once it
     * is saved, false when it could not be (the reason is shown where the work is).
     */
    void save(Path location, Consumer<Boolean> done);

    /** Drops the work and any draft of it: the person chose not to keep it. */
    void discard();
}
