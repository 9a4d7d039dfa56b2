package dev.ferry.engine.set.mongo;

import java.util.Map;

/**
 * One reversible step of a version's up. {@link #apply} records what undoes each write before making it (in the
 * undo log), so the down replays exactly what happened; {@link UndoEntry} replays one such record.
 */
public interface SetOperation {

    /** What the step does, in words: "add subscription_id = null to orders". */
    String describe();

    /** Applies the step, batch by batch; returns what it changed (e.g. {@code updated: 2000}). Re-runnable. */
    Map<String, Long> apply(StepContext ctx);
}
