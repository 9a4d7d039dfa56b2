package dev.ferry.engine;

import java.time.Instant;

/**
 * One line of a run's audit trail: who started, resumed, paused, steered, validated or rolled it back, from where
 * and when, and what came of it.
 *
 * @param what   "started", "pause requested", "rolled back", …
 * @param by     the operator (OS user) who asked
 * @param detail what came of it ("honoured at 12:03:04 by the worker on night-box", "4 passed"), or empty
 */
public record AuditEntry(Instant at, String what, String by, String host, String detail) {
}
