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
    /** The operator's control, for one attempt's own control (see {@link #attempt()}); null for the operator's. */
    private final RunControl parent;

    public RunControl() {
        this(null);
    }

    private RunControl(RunControl parent) {
        this.parent = parent;
    }

    /**
     * A control for one attempt of a run: it sees the operator's pause and cancel, but a stop that the engine asks
     * for itself (a lease it could not renew while the database was away) stays on the attempt, so the next attempt
     * starts clean.
     */
    public RunControl attempt() {
        return new RunControl(this);
    }

    /** True when this attempt was stopped by the engine, not by the operator. */
    public boolean stoppedByEngine() {
        return request.get() != Request.NONE && (parent == null || parent.requested() == Request.NONE);
    }

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
        Request own = request.get();
        return own != Request.NONE || parent == null ? own : parent.requested();
    }

    public String reason() {
        return request.get() != Request.NONE || parent == null ? reason : parent.reason();
    }

    /** Waits {@code delay}, or less when a pause or cancel is asked for meanwhile (the caller looks at which). */
    public void sleep(java.time.Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        try {
            while (System.nanoTime() < until && requested() == Request.NONE) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How a run that stopped before its end ended: paused or cancelled as asked, else it failed. */
    public RunState stoppedState() {
        return switch (requested()) {
            case PAUSE -> RunState.PAUSED;
            case CANCEL -> RunState.CANCELLED;
            default -> RunState.FAILED;
        };
    }
}
