package dev.ferry.service;

import java.util.Optional;

/**
 * What the operator can ask for, and in which states (one table, as mongosync and Cloud DMS document theirs). A button
 * that is not allowed is disabled and its tooltip gives {@link #whyNot}'s reason.
 */
public enum Action {
    DRY_RUN, RUN, PAUSE, RESUME, CANCEL, VALIDATE, ROLLBACK;

    private static final String NEEDS_DRY_RUN = "Run needs a dry run of the current plan";

    /** {@link #whyNot(ConsoleState, boolean, boolean, int)} with a dry run that found nothing blocking. */
    public Optional<String> whyNot(ConsoleState state, boolean connected, boolean dryRunCurrent) {
        return whyNot(state, connected, dryRunCurrent, 0);
    }

    /**
     * Empty when allowed; otherwise the reason in words.
     *
     * @param dryRunCurrent  the latest dry run was of the plan as it is now (same plan hash) and nothing blocks a run
     * @param dryRunBlockers what the latest dry run of the plan as it is now found that blocks a run (0: nothing)
     */
    public Optional<String> whyNot(ConsoleState state, boolean connected, boolean dryRunCurrent, int dryRunBlockers) {
        if (!connected) {
            return Optional.of("Connect to a database first (Connections)");
        }
        if (state == ConsoleState.NO_PLAN) {
            return Optional.of("Open a plan first (Plan)");
        }
        return Optional.ofNullable(switch (this) {
            case DRY_RUN -> state.busy() || state == ConsoleState.PAUSED
                    ? "Wait for the " + state.label().replace("…", "") + " to finish" : null;
            case RUN -> switch (state) {
                case READY -> dryRunBlockers > 0 ? blocked(dryRunBlockers) : dryRunCurrent ? null : NEEDS_DRY_RUN;
                case ROLLED_BACK -> dryRunCurrent ? null : NEEDS_DRY_RUN;
                case DRAFT -> dryRunBlockers > 0 ? blocked(dryRunBlockers) : NEEDS_DRY_RUN;
                case PAUSED, INTERRUPTED -> "The run is " + state.label() + ": resume it instead";
                case COMPLETED, VALIDATED, MISMATCHED -> "The run has completed: validate it, or roll it back to run again";
                case FAILED -> "The run failed: roll it back, fix the cause and run again";
                default -> "Busy: " + state.label();
            };
            case PAUSE -> state == ConsoleState.RUNNING ? null : "Only a running run can be paused";
            case RESUME -> state == ConsoleState.PAUSED || state == ConsoleState.INTERRUPTED
                    ? null : "Only a paused or interrupted run can be resumed";
            case CANCEL -> state == ConsoleState.RUNNING || state == ConsoleState.PAUSED
                    ? null : "No run in progress";
            case VALIDATE -> switch (state) {
                case COMPLETED, VALIDATED, MISMATCHED -> null;
                case ROLLED_BACK -> "The run is rolled back: the Rollback screen shows the restored state's checks";
                case RUNNING, PAUSED, INTERRUPTED -> "Validation needs a completed run: let the run finish first";
                default -> state.busy() ? "Busy: " + state.label() : "Nothing to validate yet: run the plan first";
            };
            case ROLLBACK -> state.hasWritten() ? null
                    : state == ConsoleState.RUNNING ? "Pause or cancel the run first"
                    : state == ConsoleState.ROLLED_BACK ? "The run is already rolled back"
                    : state.busy() ? "Busy: " + state.label() : "Nothing to roll back: no run has written anything";
        });
    }

    private static String blocked(int blockers) {
        return "The dry run found " + (blockers == 1 ? "1 problem that blocks" : blockers + " problems that block")
                + " the run: fix " + (blockers == 1 ? "it" : "them") + " and dry-run again (Dry run)";
    }
}
