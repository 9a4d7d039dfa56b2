package dev.ferry.engine.postgres.backfill;

import java.time.Duration;
import java.util.List;

/**
 * What one runbook 003 operation did (up, down, backfill, incremental).
 *
 * @param rows  rows changed (backfills) or 0 for schema changes
 * @param lines what was done, one line each, for a person
 * @param bytes the stored size of the values a backfill writes (its dry run's estimate), else 0
 */
public record BackfillReport(String plan, String operation, boolean ok, long rows, long batches, Duration elapsed,
                             List<String> lines, long bytes) {
    public BackfillReport {
        lines = List.copyOf(lines);
    }

    public BackfillReport(String plan, String operation, boolean ok, long rows, long batches, Duration elapsed,
                          List<String> lines) {
        this(plan, operation, ok, rows, batches, elapsed, lines, 0);
    }
}
