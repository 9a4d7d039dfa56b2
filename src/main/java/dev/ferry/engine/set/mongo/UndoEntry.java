package dev.ferry.engine.set.mongo;

import java.util.Map;
import org.bson.Document;

/** Undoes one entry of the set undo log, from the entry alone (the file that wrote it may have changed since). */
@FunctionalInterface
public interface UndoEntry {

    /** Returns what it restored and what it kept because it changed since the up, e.g. {@code unset: 998, kept: 2}. */
    Map<String, Long> undo(StepContext ctx, Document entry);
}
