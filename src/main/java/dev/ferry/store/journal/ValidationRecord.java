package dev.ferry.store.journal;

import java.time.Instant;
import java.util.List;

/** A validation of a run's targets: who ran it, where and when, each check with its evidence, what none covered. */
public record ValidationRecord(String runId, String plan, Instant at, String operator, String host,
                               List<CheckRecord> checks, List<String> notCovered) {

    public ValidationRecord {
        checks = List.copyOf(checks);
        notCovered = List.copyOf(notCovered);
    }
}
