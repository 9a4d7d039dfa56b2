package dev.ferry.store.journal;

/** What a rollback would still do to one target: records to delete (inserted by the run) and to restore. */
public record PendingUndo(long toDelete, long toRestore) {

    public PendingUndo plus(long delete, long restore) {
        return new PendingUndo(toDelete + delete, toRestore + restore);
    }
}
