package dev.ferry.cli;

import dev.ferry.FerryException;
import dev.ferry.engine.LeaseHeldException;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code run --wait}: while another process holds the plan's lease, waits with a countdown to its lease's expiry
 * (renewed while its holder lives) and tries again every second, instead of exiting 3. A run that the holder finished
 * meanwhile is not started over: it is reported, and there is nothing left to run.
 */
final class LeaseWait {

    /** What waiting ended with: a run of this process, or the run another process finished meanwhile. */
    record Outcome(RunReport report, RunSummary finishedMeanwhile) { }

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration LINE_EVERY = Duration.ofSeconds(5);

    private final MigrationEngine engine;
    private final String plan;
    private final RunControl control;
    private final PrintWriter notes;

    LeaseWait(MigrationEngine engine, String plan, RunControl control, PrintWriter notes) {
        this.engine = engine;
        this.plan = plan;
        this.control = control;
        this.notes = notes;
    }

    Outcome run(Supplier<RunReport> attempt) {
        RunSummary before = null;
        Instant lastLine = Instant.EPOCH;
        String lastHolder = null;
        boolean waited = false;
        while (true) {
            if (waited) {
                RunSummary now = latest();
                if (now != null && !now.state().resumable() && (before == null || !now.runId().equals(before.runId())
                        || before.state().resumable())) {
                    return new Outcome(null, now);
                }
            }
            try {
                return new Outcome(attempt.get(), null);
            } catch (LeaseHeldException held) {
                if (!waited) {
                    before = latest();
                    waited = true;
                }
                Instant now = Instant.now();
                if (!held.holder().equals(lastHolder) || Duration.between(lastLine, now).compareTo(LINE_EVERY) >= 0) {
                    notes.println(line(held, now));
                    notes.flush();
                    lastLine = now;
                    lastHolder = held.holder();
                }
                sleep();
            }
        }
    }

    private String line(LeaseHeldException held, Instant now) {
        String expiry = held.expiresAt() == null ? "it expires once its holder stops renewing it"
                : "its lease expires in " + Math.max(0, Duration.between(now, held.expiresAt()).toSeconds()) + " s";
        return "Waiting for " + held.who() + " to let go of " + plan + ": " + expiry
                + (held.runningHere() ? " unless renewed (its process is running)" : " unless renewed")
                + ". Ctrl-C stops waiting.";
    }

    private RunSummary latest() {
        List<RunSummary> runs = engine.history(plan);
        return runs.isEmpty() ? null : runs.get(0);
    }

    private void sleep() {
        long until = System.nanoTime() + POLL.toNanos();
        while (System.nanoTime() < until) {
            if (control.requested() != RunControl.Request.NONE) {
                throw new FerryException("Stopped waiting for the lease on " + plan + " (" + control.reason()
                        + "); nothing was changed.");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FerryException("Interrupted while waiting for the lease on " + plan + "; nothing was changed.",
                        e);
            }
        }
    }
}
