package dev.ferry.engine.set.mongo;

import dev.ferry.FerryException;

/** A set run stopped between batches because it was asked to (Ctrl-C) or lost its lease. */
final class SetStoppedException extends FerryException {
    SetStoppedException(String reason) {
        super("stopped before the next batch: " + (reason == null || reason.isBlank() ? "cancelled" : reason));
    }
}
