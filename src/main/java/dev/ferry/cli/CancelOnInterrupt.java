package dev.ferry.cli;

import dev.ferry.engine.RunControl;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a run: asks the engine to cancel after the current batch, then holds the JVM's shutdown until the
 * engine has returned and the verb has printed its report, so the run is journalled as cancelled and resumable.
 * Close it when the verb is done.
 */
final class CancelOnInterrupt implements AutoCloseable {

    /** How long Ctrl-C waits for the engine to finish its batch before the JVM goes down anyway. */
    static final long WAIT_SECONDS = 120;

    private final RunControl control;
    private final PrintWriter notes;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::interrupted, "ferry-cancel-on-interrupt");

    private CancelOnInterrupt(RunControl control, PrintWriter notes) {
        this.control = control;
        this.notes = notes;
    }

    static CancelOnInterrupt install(RunControl control, PrintWriter notes) {
        CancelOnInterrupt c = new CancelOnInterrupt(control, notes);
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    /** What the shutdown hook does; package-private so a test can call it without a signal. */
    void interrupted() {
        notes.println();
        notes.println("Interrupted: finishing the current batch, then stopping. The run stays resumable.");
        notes.flush();
        control.cancel("interrupted by the operator (Ctrl-C)");
        try {
            if (!finished.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                notes.println("The engine did not stop within " + WAIT_SECONDS + " s; exiting. The next run resumes "
                        + "from the last checkpoint once the lease expires.");
                notes.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isFinished() {
        return finished.getCount() == 0;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that we are finished
        }
    }
}
