package dev.ferry.store.journal;

import java.time.Instant;

/** A report of a run as Ferry produced it: its SHA-256, so that a copy can be checked for changes later. */
public record ReportRecord(String runId, String plan, String digest, String format, Instant at, String operator,
                           String host, long bytes) {
}
