package dev.ferry.store.journal;

import java.time.Instant;

/** One dry run's estimate of a plan version: records read, errors, estimated duration and storage. */
public record DryRunRecord(String plan, String planHash, Instant at, long sourceRecords, long errors,
                           long estimatedMs, long estimatedBytes) {
}
