package dev.ferry.engine.postgres;

import java.time.Duration;
import java.util.List;

/**
 * What one runbook 003 operation did (up, down, backfill, incremental).
 *
 * @param rows  rows changed (backfills) or 0 for schema changes
 * @param lines what was done, one line each, for a person
 */
public record BackfillReport(String plan, String operation, boolean ok, long rows, long batches, Duration elapsed,
                             List<String> lines) {
    public BackfillReport {
        lines = List.copyOf(lines);
    }
}
