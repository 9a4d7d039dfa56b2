package dev.ferry.engine.split.live;

import dev.ferry.engine.WorkerStatus;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.profile.FerryHome;
import dev.ferry.store.Secrets;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.WorkerRecord;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process, registered in the journal as working on a plan (a run, a validation, a rollback) and beating every
 * {@link WorkerStatus#BEAT} until closed, so that any console can tell it works, where its log is, and when it is
 * gone. Best effort: a journal that cannot be written stops neither the work nor the beat.
 */
public final class WorkerHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHeartbeat.class);

    private final Journal journal;
    private final String id = "worker-" + UUID.randomUUID().toString().substring(0, 12);
    private final ScheduledExecutorService timer;
    private volatile String runId;
    private volatile String outcome = "ended";
    private boolean warned;

    private WorkerHeartbeat(Journal journal, String plan, String runId, String verb) {
        this.journal = journal;
        this.runId = runId;
        Identity me = Identity.current();
        Instant now = Instant.now();
        try {
            journal.workers().register(new WorkerRecord(id, plan, runId, verb, me.host(), me.pid(), me.operator(),
                    logFile(), now, now, null, ""));
        } catch (RuntimeException e) {
            warn(e);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-worker-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = WorkerStatus.BEAT.toMillis();
        timer.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    /** Registers this process as a worker of {@code plan} ({@code runId} when already known, else null). */
    public static WorkerHeartbeat start(Journal journal, String plan, String runId, String verb) {
        return new WorkerHeartbeat(journal, plan, runId, verb);
    }

    /** Where this process's log goes: the worker log it was started with, else Ferry's own log. */
    public static String logFile() {
        String worker = System.getProperty("ferry.worker.log");
        return worker != null ? worker : FerryHome.logFile().toString();
    }

    /** Names the run, once opened (the first event that carries its id). */
    public void describe(String run) {
        if (run != null && !run.equals(runId)) {
            runId = run;
            try {
                journal.workers().describe(id, run);
            } catch (RuntimeException e) {
                warn(e);
            }
        }
    }

    /** How the work ended, for the record written on close. */
    public void outcome(String words) {
        outcome = words;
    }

    private void beat() {
        try {
            journal.workers().heartbeat(id, Instant.now());
        } catch (RuntimeException e) {
            warn(e);
        }
    }

    private synchronized void warn(RuntimeException e) {
        if (!warned) { // the run says more when its database is away; once is enough here
            LOG.warn("could not record this worker's heartbeat in the journal: {}", Secrets.redact(
                    String.valueOf(e.getMessage())));
            warned = true;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            journal.workers().ended(id, Instant.now(), outcome);
        } catch (RuntimeException e) {
            warn(e);
        }
    }
}
