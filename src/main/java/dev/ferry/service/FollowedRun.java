package dev.ferry.service;

import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import java.time.Clock;
import java.time.Duration;

/**
 * The run of the open plan as its journal tells it, for the console: events from the journal watch go to a
 * {@link RunMonitor} of the run they are about (a new run, started from this or any other console, gets a new one),
 * and batches older than {@link #REPLAYED} (a run that had started before this console looked) are drawn as the
 * points they were, not as one.
 */
final class FollowedRun implements RunListener {

    /** A batch this much older than now was replayed from the journal, not seen live. */
    static final Duration REPLAYED = Duration.ofSeconds(3);

    private final Clock clock;
    private volatile RunMonitor monitor;
    private volatile String runId;

    FollowedRun(Clock clock) {
        this.clock = clock;
        this.monitor = new RunMonitor(clock);
    }

    @Override
    public void on(RunEvent event) {
        String id = runIdOf(event);
        if (id != null && !id.equals(runId) && (event instanceof RunEvent.Started || event instanceof RunEvent.BatchDone
                || runId == null)) {
            synchronized (this) {
                runId = id;
                monitor = new RunMonitor(clock);
            }
        }
        RunMonitor m = monitor;
        if (event instanceof RunEvent.BatchDone b
                && Duration.between(b.at(), clock.instant()).compareTo(REPLAYED) > 0) {
            m.replayed(b);
        } else {
            m.on(event);
        }
    }

    /** What arrived since the last call, as the current run's snapshot. */
    RunSnapshot drain() {
        return monitor.drain();
    }

    /** Forgets the run (another plan is open). */
    synchronized void reset() {
        runId = null;
        monitor = new RunMonitor(clock);
    }

    private static String runIdOf(RunEvent event) {
        if (event instanceof RunEvent.Started s) {
            return s.runId();
        } else if (event instanceof RunEvent.BatchDone b) {
            return b.runId();
        } else if (event instanceof RunEvent.StateChanged c) {
            return c.runId();
        }
        return null;
    }
}
