package dev.ferry.engine;

import java.time.Duration;
import java.util.List;

/**
 * A full pass over the source with no writes.
 *
 * @param estimatedDuration from the measured read+transform rate plus a sampled write cost
 * @param estimatedBytes    BSON bytes of all produced target documents (storage impact)
 * @param errors            the first records that failed to map (at most a few hundred); {@code errorCount} counts all
 * @param blockers          what must be fixed before the plan may run (a PostgreSQL conversion refuses invalid keys,
 *                          orphans, a leftover backup), each saying what to do; empty when the run may start
 * @param notes             what the dry run noticed that a reader should know, one line each
 */
public record DryRunReport(String plan, String planHash, long sourceRecords, List<TargetEstimate> targets,
                           long errorCount, List<RecordError> errors, Duration elapsed, Duration estimatedDuration,
                           long estimatedBytes, List<String> blockers, List<String> notes) {

    public DryRunReport {
        targets = List.copyOf(targets);
        errors = List.copyOf(errors);
        blockers = List.copyOf(blockers);
        notes = List.copyOf(notes);
    }

    /** A dry run with nothing that blocks the run and no notes (a split plan's). */
    public DryRunReport(String plan, String planHash, long sourceRecords, List<TargetEstimate> targets, long errorCount,
                        List<RecordError> errors, Duration elapsed, Duration estimatedDuration, long estimatedBytes) {
        this(plan, planHash, sourceRecords, targets, errorCount, errors, elapsed, estimatedDuration, estimatedBytes,
                List.of(), List.of());
    }

    /** True when nothing found by the dry run stands in the way of a run (records at fault are quarantined). */
    public boolean runnable() {
        return blockers.isEmpty();
    }

    /** Would-be writes to one target: insert (absent now), update (present and different), skip (already identical). */
    public record TargetEstimate(String collection, long wouldInsert, long wouldUpdate, long wouldSkip, long errors,
                                 long bytes) { }
}
