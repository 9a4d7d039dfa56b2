package dev.ferry.engine.runtime;

import dev.ferry.FerryException;

/** This process no longer holds the plan's lease (it stalled past the lease's time to live), so it stops writing. */
public final class LeaseLostException extends FerryException {

    public LeaseLostException(String plan, String runId) {
        super("This process lost the lease on plan " + plan + " (it was unresponsive for longer than the lease's"
                + " time to live) and stopped before writing more; another process owns run " + runId
                + " now. See ferry status for its state.");
    }
}
