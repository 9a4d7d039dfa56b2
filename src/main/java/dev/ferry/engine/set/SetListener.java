package dev.ferry.engine.set;

/** Receives set events on the engine's thread: implementations return quickly. */
@FunctionalInterface
public interface SetListener {

    SetListener NONE = event -> { };

    void on(SetEvent event);
}
