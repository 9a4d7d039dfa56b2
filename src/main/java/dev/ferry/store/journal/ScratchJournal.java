package dev.ferry.store.journal;

/** A journal for measurements only: closing it removes it and everything written to it. */
public interface ScratchJournal extends Journal, AutoCloseable {

    @Override
    void close();
}
