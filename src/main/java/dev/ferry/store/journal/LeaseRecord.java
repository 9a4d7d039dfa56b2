package dev.ferry.store.journal;

import java.time.Instant;

/** Who holds a plan's lease, for which run, since when, and until when if it stops renewing it. */
public record LeaseRecord(String plan, String owner, String runId, String host, String operator, Instant acquiredAt,
                          Instant heartbeatAt, Instant expiresAt) {
}
