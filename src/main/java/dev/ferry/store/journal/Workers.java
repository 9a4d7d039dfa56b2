package dev.ferry.store.journal;

import java.time.Instant;
import java.util.List;

/** The processes that work on runs, with their heartbeats, so that anyone can tell a live worker from a dead one. */
public interface Workers {

    void register(WorkerRecord worker);

    /** Names the run a worker works on, once it has opened it. */
    void describe(String workerId, String runId);

    void heartbeat(String workerId, Instant at);

    void ended(String workerId, Instant at, String outcome);

    /** The workers of a run, the most recently started first. */
    List<WorkerRecord> ofRun(String runId);

    /** The workers of a plan started at or after {@code since}, the most recently started first. */
    List<WorkerRecord> ofPlan(String plan, Instant since);
}
