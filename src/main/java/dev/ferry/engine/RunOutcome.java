package dev.ferry.engine;

import dev.ferry.format.HumanFormat;

/**
 * How a run ended, in the words every front end uses (the CLI's report, {@code history}, {@code status}, the
 * console's chips and History): a tick only when the run migrated every source record; a completed run with records
 * in quarantine is a warning, one that migrated nothing (all quarantined, or no source record) a failure.
 *
 * @param label short, for a chip or a table cell: "completed", "completed, 12 in quarantine", "nothing migrated",
 *              or the state's own label ("paused", "failed") when the run did not complete
 */
public record RunOutcome(Level level, String label) {

    /** NONE: the run did not end (paused, interrupted, rolled back…): its state speaks for it. */
    public enum Level { OK, WARNING, FAILURE, NONE }

    /**
     * @param quarantines whether the run's kind quarantines records it cannot migrate (a split); a runbook operation
     *                    that found no row to change did its job
     */
    public static RunOutcome of(RunState state, long processed, long quarantined, boolean quarantines) {
        if (state == RunState.FAILED) {
            return new RunOutcome(Level.FAILURE, state.label());
        }
        if (state != RunState.COMPLETED) {
            return new RunOutcome(Level.NONE, state.label());
        }
        if (!quarantines) {
            return new RunOutcome(Level.OK, "completed");
        }
        if (processed == 0 || quarantined >= processed) {
            return new RunOutcome(Level.FAILURE, "nothing migrated");
        }
        if (quarantined > 0) {
            return new RunOutcome(Level.WARNING, "completed, " + HumanFormat.count(quarantined) + " in quarantine");
        }
        return new RunOutcome(Level.OK, "completed");
    }

    public static RunOutcome of(RunSummary run) {
        return of(run.state(), run.processed(), run.quarantined(), run.quarantines());
    }

    public static RunOutcome of(RunReport run, boolean quarantines) {
        return of(run.state(), run.processed(), run.quarantined(), quarantines);
    }

    /** ✓, ⚠ or ✗; empty for a run that did not end. */
    public String mark() {
        return switch (level) {
            case OK -> "✓";
            case WARNING -> "⚠";
            case FAILURE -> "✗";
            case NONE -> "";
        };
    }

    /** The label with ⚠ or ✗ before it when the run did not migrate every record; a clean run's label alone. */
    public String flagged() {
        return level == Level.WARNING || level == Level.FAILURE ? marked() : label;
    }

    /** The label after its mark: "⚠ completed, 12 in quarantine". */
    public String marked() {
        return level == Level.NONE ? label : mark() + " " + label;
    }
}
