package dev.ferry.store.journal;

import java.time.Instant;

/**
 * An operator's request to a run, from any console or terminal: pause, resume, cancel, or new settings. The run's
 * worker honours it at its next batch and records when; with who asked and from where, it is the run's audit trail.
 *
 * @param id         unique (chosen by the writer)
 * @param runId      the run it is for; null: whatever run of the plan is working
 * @param batchSize  for {@link Kind#SET}: the new batch size, or null to leave it
 * @param rate       for {@link Kind#SET}: the new rate limit in records per second (0: none), or null to leave it
 * @param honouredAt when a worker first acted on it; null while pending
 * @param honouredBy which worker (its owner name), null while pending
 * @param outcome    what the worker did about it, in words; empty while pending
 */
public record ControlRequest(String id, String plan, String runId, Kind kind, Integer batchSize, Double rate,
                             String operator, String host, Instant at, Instant honouredAt, String honouredBy,
                             String outcome) {

    public enum Kind { PAUSE, RESUME, CANCEL, SET }

    public ControlRequest {
        outcome = outcome == null ? "" : outcome;
    }

    /** A request not honoured yet. */
    public static ControlRequest pending(String id, String plan, String runId, Kind kind, Integer batchSize,
                                        Double rate, String operator, String host, Instant at) {
        return new ControlRequest(id, plan, runId, kind, batchSize, rate, operator, host, at, null, null, "");
    }
}
