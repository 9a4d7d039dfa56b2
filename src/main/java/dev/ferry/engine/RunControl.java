package dev.ferry.engine;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Pause, resume and cancel for a run in progress, asked for from another thread. The engine looks at it
 * between batches, so a batch is never left half written.
 */
public final class RunControl {

    public enum Request { NONE, PAUSE, CANCEL }

    private final AtomicReference<Request> request = new AtomicReference<>(Request.NONE);
    private volatile String reason = "";

    public void pause(String why) {
        reason = why;
        request.compareAndSet(Request.NONE, Request.PAUSE);
    }

    public void cancel(String why) {
        reason = why;
        request.set(Request.CANCEL);
    }

    /** Clears a pause so that the next {@code run} call continues; the engine itself does not wait. */
    public void clear() {
        request.set(Request.NONE);
        reason = "";
    }

    public Request requested() {
        return request.get();
    }

    public String reason() {
        return reason;
    }
}
