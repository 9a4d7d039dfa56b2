package dev.ferry.store.journal;

import java.time.Instant;

/** A run's latest validation, kept on the run: checks passed, mismatched and not checkable, and a summary line. */
public record VerdictRecord(Instant at, int passed, int mismatched, int cannotCheck, String summary) {
}
