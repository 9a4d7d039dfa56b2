package dev.ferry.cli;

import dev.ferry.engine.LeaseHeldException;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A resumed run's worker may find the plan's lease still held by the worker that died: it waits until the lease
 * expires (the holder stops renewing it), then takes the run over, rather than refusing at once as a run started by
 * hand does. A holder that is alive keeps renewing, and the wait ends with the refusal after {@link #MINUTES}.
 */
final class LeaseWait {

    static final int MINUTES = 5;

    private LeaseWait() {
    }

    static RunReport around(Supplier<RunReport> run, RunControl control, PrintWriter notes) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(MINUTES));
        while (true) {
            try {
                return run.get();
            } catch (LeaseHeldException held) {
                Instant expires = held.expiresAt();
                if (expires == null || Instant.now().isAfter(deadline)
                        || control.requested() != RunControl.Request.NONE) {
                    throw held;
                }
                Duration wait = Duration.between(Instant.now(), expires).plusSeconds(1);
                wait = wait.isNegative() ? Duration.ofSeconds(1) : wait.compareTo(Duration.ofSeconds(20)) > 0
                        ? Duration.ofSeconds(20) : wait;
                notes.println("The plan's lease is held by " + held.holder() + " until " + expires + "; waiting "
                        + wait.toSeconds() + " s for it to expire.");
                notes.flush();
                control.sleep(wait);
            }
        }
    }
}
