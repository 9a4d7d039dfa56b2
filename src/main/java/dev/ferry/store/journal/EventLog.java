package dev.ferry.store.journal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The events of runs, appended by their workers and read by whoever watches them. */
public interface EventLog {

    void append(List<EventRecord> events);

    /** A run's events at or after {@code from}, oldest first (ties by id), at most {@code limit}. */
    List<EventRecord> since(String runId, Instant from, int limit);

    /** The events of these types of these runs, oldest first: the audit trail's part of the log. */
    List<EventRecord> ofRuns(Collection<String> runIds, Set<String> types);
}
