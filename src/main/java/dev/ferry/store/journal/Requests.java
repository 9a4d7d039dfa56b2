package dev.ferry.store.journal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Requests to runs (pause, resume, cancel, settings), kept for good: they are the runs' audit trail. */
public interface Requests {

    void add(ControlRequest request);

    /** A plan's requests made at or after {@code since}, oldest first: what a worker looks at between batches. */
    List<ControlRequest> since(String plan, Instant since);

    /** Every request addressed to these runs, oldest first. */
    List<ControlRequest> ofRuns(Collection<String> runIds);

    /**
     * Records that a worker acted on a request: the first worker's time, name and words are kept (a run worked by
     * several workers honours a request once per worker; the trail shows the first). False when it was already.
     */
    boolean honour(String id, Instant at, String by, String outcome);
}
