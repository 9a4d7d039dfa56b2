package dev.ferry.engine;

import java.time.Duration;
import java.util.List;

/**
 * A full pass over the source with no writes.
 *
 * @param estimatedDuration from the measured read+transform rate plus a sampled write cost
 * @param estimatedBytes    BSON bytes of all produced target documents (storage impact)
 * @param errors            the first records that failed to map (at most a few hundred); {@code errorCount} counts all
 */
public record DryRunReport(String plan, String planHash, long sourceRecords, List<TargetEstimate> targets,
                           long errorCount, List<RecordError> errors, Duration elapsed, Duration estimatedDuration,
                           long estimatedBytes) {

    public DryRunReport {
        targets = List.copyOf(targets);
        errors = List.copyOf(errors);
    }

    /** Would-be writes to one target: insert (absent now), update (present and different), skip (already identical). */
    public record TargetEstimate(String collection, long wouldInsert, long wouldUpdate, long wouldSkip, long errors,
                                 long bytes) { }
}
