package dev.ferry.engine;

/** Receives engine events. Called on the engine's thread: implementations must return quickly. */
@FunctionalInterface
public interface RunListener {

    RunListener NONE = event -> { };

    void on(RunEvent event);
}
