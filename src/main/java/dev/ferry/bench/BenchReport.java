package dev.ferry.bench;

import java.time.Duration;

/**
 * Figures of one benchmark: bare inserts of the split's already-built target documents (a) against the full
 * migration that produces and writes the same documents (b), best of the repeats for each.
 *
 * @param ratio time(a) / time(b): 1.0 means the migration is as fast as bare inserts of its output
 */
public record BenchReport(int sourceDocs, long targetDocs, int repeats, Duration rawInsert, Duration migration,
                          double rawDocsPerSecond, double migrationDocsPerSecond, double ratio) { }
