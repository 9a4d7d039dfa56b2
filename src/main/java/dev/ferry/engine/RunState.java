package dev.ferry.engine;

/** The state of a run as kept in the journal. */
public enum RunState {
    RUNNING, PAUSED, INTERRUPTED, CANCELLED, COMPLETED, FAILED, ROLLING_BACK, ROLLED_BACK;

    /** A run in one of these states can be continued from its last checkpoint. */
    public boolean resumable() {
        return this == RUNNING || this == PAUSED || this == INTERRUPTED || this == CANCELLED;
    }

    /** A run in one of these states has written something that a rollback can undo. */
    public boolean rollbackable() {
        return this != ROLLED_BACK;
    }

    public String label() {
        return name().toLowerCase().replace('_', ' ');
    }
}
