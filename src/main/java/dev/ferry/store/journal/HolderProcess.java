package dev.ferry.store.journal;

import java.time.Instant;

/**
 * The process that takes a lease: its host, operator, process id and start time, so that another process on the same
 * host can tell a holder that died from one that is alive (a process id alone may have been reused since).
 *
 * @param pid       0 when unknown
 * @param startedAt null when unknown
 */
public record HolderProcess(String host, String operator, long pid, Instant startedAt) {
}
