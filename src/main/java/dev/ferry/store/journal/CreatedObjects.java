package dev.ferry.store.journal;

import java.util.List;

/** What each run created (tables, collections, indexes), kept on the run's record, in the order it made them. */
public interface CreatedObjects {

    /** The objects the run created, is creating or has dropped again; empty when it created nothing. */
    List<CreatedObject> of(String runId);

    /** Replaces the run's list; false when {@code owner} no longer owns the run (another process took it over). */
    boolean record(String runId, String owner, List<CreatedObject> objects);
}
