package dev.ferry.engine;

import java.time.Instant;

/** A report Ferry made of a run, as its journal keeps it: the SHA-256 of its bytes, who made it, where and when. */
public record ReportDigest(String runId, String plan, String digest, String format, Instant at, String operator,
                           String host, long bytes) {
}
