package dev.ferry.engine.set;

import java.time.Instant;

/** Plain records a set run emits while it works; the CLI and the console read the same ones. */
public sealed interface SetEvent {

    Instant at();

    /** A version's up or down began; {@code index} counts from 1 among the {@code total} versions of this run. */
    record VersionStarted(Instant at, long version, String label, String description, Direction direction,
                          int index, int total) implements SetEvent { }

    /** One operation of the version began. */
    record StepStarted(Instant at, long version, int step, int steps, String description) implements SetEvent { }

    /** A batch of the current operation was written: documents done so far of {@code total} (-1 when unknown). */
    record StepProgress(Instant at, long version, int step, long done, long total) implements SetEvent { }

    /** A version ended: completed, rolled back or failed, with its counts. */
    record VersionFinished(Instant at, VersionResult result) implements SetEvent { }
}
