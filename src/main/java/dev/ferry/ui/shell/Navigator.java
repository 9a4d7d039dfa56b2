package dev.ferry.ui.shell;

/** Lets a screen send the operator to another one (e.g. from a completed dry run to the run dashboard). */
@FunctionalInterface
public interface Navigator {

    void show(Screen screen);

    Navigator NONE = screen -> { };
}
