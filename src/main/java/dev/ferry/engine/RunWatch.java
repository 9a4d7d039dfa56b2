package dev.ferry.engine;

/** A run followed through the journal ({@link MigrationEngine#watch}); closing it stops following. */
public interface RunWatch extends AutoCloseable {

    @Override
    void close();
}
