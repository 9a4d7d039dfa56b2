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
 * @param durationParts     what {@code estimatedDuration} is made of, where the dry run measured it; else null
 * @param warnings          what may be wrong without blocking the run, one line each: source fields the plan reads
 *                          that no record has (a misspelt {@code from}), with the closest field records do have
 * @param calibration       how {@code estimatedDuration} learnt from earlier runs of the plan on this database; null
 *                          when none could teach it (it is then the measured estimate)
 */
public record DryRunReport(String plan, String planHash, long sourceRecords, List<TargetEstimate> targets,
                           long errorCount, List<RecordError> errors, Duration elapsed, Duration estimatedDuration,
                           long estimatedBytes, List<String> blockers, List<String> notes,
                           DurationParts durationParts, List<String> warnings, Calibration calibration) {

    public DryRunReport {
        targets = List.copyOf(targets);
        errors = List.copyOf(errors);
        blockers = List.copyOf(blockers);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    /** A dry run whose estimate learnt from no earlier run. */
    public DryRunReport(String plan, String planHash, long sourceRecords, List<TargetEstimate> targets,
                        long errorCount, List<RecordError> errors, Duration elapsed, Duration estimatedDuration,
                        long estimatedBytes, List<String> blockers, List<String> notes, DurationParts durationParts,
                        List<String> warnings) {
        this(plan, planHash, sourceRecords, targets, errorCount, errors, elapsed, estimatedDuration, estimatedBytes,
                blockers, notes, durationParts, warnings, null);
    }

    /** A dry run without warnings. */
    public DryRunReport(String plan, String planHash, long sourceRecords, List<TargetEstimate> targets,
                        long errorCount, List<RecordError> errors, Duration elapsed, Duration estimatedDuration,
                        long estimatedBytes, List<String> blockers, List<String> notes, DurationParts durationParts) {
        this(plan, planHash, sourceRecords, targets, errorCount, errors, elapsed, estimatedDuration, estimatedBytes,
                blockers, notes, durationParts, List.of());
    }

    /** A dry run with nothing that blocks the run and no notes (a split plan's). */
    public DryRunReport(String plan, String planHash, long sourceRecords, List<TargetEstimate> targets, long errorCount,
                        List<RecordError> errors, Duration elapsed, Duration estimatedDuration, long estimatedBytes) {
        this(plan, planHash, sourceRecords, targets, errorCount, errors, elapsed, estimatedDuration, estimatedBytes,
                List.of(), List.of(), null);
    }

    /** A dry run whose estimate has no measured parts (a PostgreSQL operation's). */
    public DryRunReport(String plan, String planHash, long sourceRecords, List<TargetEstimate> targets, long errorCount,
                        List<RecordError> errors, Duration elapsed, Duration estimatedDuration, long estimatedBytes,
                        List<String> blockers, List<String> notes) {
        this(plan, planHash, sourceRecords, targets, errorCount, errors, elapsed, estimatedDuration, estimatedBytes,
                blockers, notes, null);
    }

    /** True when nothing found by the dry run stands in the way of a run (records at fault are quarantined). */
    public boolean runnable() {
        return blockers.isEmpty();
    }

    /**
     * A run's estimated time in parts. Bookkeeping is per batch whatever its size (undo entries, lease heartbeats,
     * batch records, checkpoints), so a small batch size costs more of it: left out, runs with small batches
     * overran the estimate and the duration guardrail paused healthy runs.
     *
     * @param readAndMap the dry run's own pass (a run reads and maps the same records)
     * @param writes     the target writes, pre-images and quarantine entries, at the sampled cost per document
     * @param perBatch   the sampled wall time of one batch's bookkeeping
     */
    public record DurationParts(Duration readAndMap, Duration writes, long batches, Duration perBatch) {

        public Duration bookkeeping() {
            return perBatch.multipliedBy(batches);
        }

        public Duration total() {
            return readAndMap.plus(writes).plus(bookkeeping());
        }
    }

    /**
     * How an estimate learnt from the runs before it: those runs took {@code factor} times what their dry runs had
     * measured, so the measured estimate is scaled by it.
     *
     * @param measured what this dry run measured ({@link DurationParts#total()})
     * @param runs     how many earlier runs the factor comes from
     * @param basis    in words: which runs, what each estimate was and what each took
     */
    public record Calibration(Duration measured, double factor, int runs, String basis) { }

    /** Would-be writes to one target: insert (absent now), update (present and different), skip (already identical). */
    public record TargetEstimate(String collection, long wouldInsert, long wouldUpdate, long wouldSkip, long errors,
                                 long bytes) { }
}
