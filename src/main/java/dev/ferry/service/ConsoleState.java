package dev.ferry.service;

/**
 * The run state machine of CONSOLE.md, as the console sees the current plan: every button asks {@link Action#whyNot}
 * whether it is allowed here. Engine run states ({@link dev.ferry.engine.RunState}) map onto these.
 */
public enum ConsoleState {
    NO_PLAN("no plan", Tone.UNKNOWN),
    DRAFT("draft", Tone.UNKNOWN),
    DRY_RUNNING("dry run…", Tone.RUNNING),
    READY("ready", Tone.PENDING),
    RUNNING("running", Tone.RUNNING),
    PAUSED("paused", Tone.PENDING),
    COMPLETED("completed", Tone.OK),
    FAILED("failed", Tone.FAIL),
    INTERRUPTED("interrupted", Tone.PENDING),
    VALIDATING("validating…", Tone.RUNNING),
    VALIDATED("validated", Tone.OK),
    MISMATCHED("mismatched", Tone.FAIL),
    ROLLING_BACK("rolling back…", Tone.RUNNING),
    ROLLED_BACK("rolled back", Tone.UNKNOWN);

    private final String label;
    private final Tone tone;

    ConsoleState(String label, Tone tone) {
        this.label = label;
        this.tone = tone;
    }

    public String label() {
        return label;
    }

    public Tone tone() {
        return tone;
    }

    /** Some work is under way; the things that change data wait for it. */
    public boolean busy() {
        return this == DRY_RUNNING || this == RUNNING || this == VALIDATING || this == ROLLING_BACK;
    }

    /** A run has written to the targets (or may have): something a rollback can undo. */
    public boolean hasWritten() {
        return switch (this) {
            case PAUSED, COMPLETED, FAILED, INTERRUPTED, VALIDATED, MISMATCHED -> true;
            default -> false;
        };
    }

    /** Where a run of the plan stands after the engine reports {@code state}. */
    public static ConsoleState of(dev.ferry.engine.RunState state) {
        return switch (state) {
            case RUNNING -> RUNNING;
            case PAUSED -> PAUSED;
            case INTERRUPTED, CANCELLED -> INTERRUPTED;
            case COMPLETED -> COMPLETED;
            case FAILED -> FAILED;
            case ROLLING_BACK -> ROLLING_BACK;
            case ROLLED_BACK -> ROLLED_BACK;
        };
    }
}
