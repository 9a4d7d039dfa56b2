package dev.ferry.store.journal;

import java.time.Instant;

/**
 * A dry run's estimate of a run's duration, in the parts it was measured in, and how it was calibrated from the runs
 * of the same plan before it: what a finished run is later compared with, and what the next estimate learns from.
 *
 * @param rawMs         the measured estimate: read and map, plus writes, plus per-batch bookkeeping
 * @param estimatedMs   the estimate given, {@code rawMs} times {@code factor}
 * @param factor        how much longer than their raw estimates earlier runs took (1 when none were comparable)
 * @param calibratedBy  how many earlier runs the factor comes from (0: not calibrated)
 */
public record EstimateRecord(String plan, String planHash, Instant at, long sourceRecords, int batchSize, long rawMs,
                             long estimatedMs, long readAndMapMs, long writesMs, long bookkeepingMs, double factor,
                             int calibratedBy) {
}
