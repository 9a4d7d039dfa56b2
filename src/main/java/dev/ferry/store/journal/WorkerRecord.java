package dev.ferry.store.journal;

import java.time.Instant;

/**
 * A process working on a plan (a run, a resume, a validation, a rollback), as it registers itself and beats: where it
 * runs, where its log is, when it was last heard from and how it ended.
 *
 * @param runId   the run it works on, once known (null before the run is opened)
 * @param verb    {@code run}, {@code validate} or {@code rollback}
 * @param log     the path of its log file on {@code host}
 * @param endedAt when it finished; null while it works (or when it died without saying so)
 * @param outcome how it ended, in words; empty while it works
 */
public record WorkerRecord(String id, String plan, String runId, String verb, String host, long pid, String operator,
                           String log, Instant startedAt, Instant heartbeatAt, Instant endedAt, String outcome) {

    public WorkerRecord {
        outcome = outcome == null ? "" : outcome;
    }
}
