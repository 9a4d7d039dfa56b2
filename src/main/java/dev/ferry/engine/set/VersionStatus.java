package dev.ferry.engine.set;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One version of a set as the files and the history show it together.
 *
 * @param status           pending (never applied, or being applied), completed, failed or rolled_back
 * @param inHistory        false for a version never run here
 * @param interrupted      pending in the history, but no live process is working on it (it died)
 * @param checksumMismatch the file changed after the version was applied: it will not run until {@code repair}
 * @param fileMissing      the history has it, the folder no longer does
 * @param note             what stands out and what to do about it, in words; empty when nothing does
 */
public record VersionStatus(long version, String label, String description, String script, String status,
                            boolean inHistory, boolean interrupted, boolean checksumMismatch, boolean fileMissing,
                            String recordedChecksum, String fileChecksum, String operator, Instant appliedAt,
                            Duration duration, Map<String, Long> counts, String error, String note) {

    public boolean completed() {
        return "completed".equals(status);
    }

    /** Applied in part or whole: what a down can undo. */
    public boolean undoable() {
        return inHistory && ("completed".equals(status) || "failed".equals(status) || interrupted);
    }

    /** Not applied, rolled back, failed or interrupted: what an up (re)applies. */
    public boolean applicable() {
        return !fileMissing && (!inHistory || "rolled_back".equals(status) || "failed".equals(status)
                || interrupted);
    }
}
