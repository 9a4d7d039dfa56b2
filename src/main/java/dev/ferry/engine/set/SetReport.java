package dev.ferry.engine.set;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of {@code set up} or {@code set down}: each version that ran, in order, and — when one failed — which,
 * why, and the versions that were therefore not run.
 *
 * @param notRun  versions selected but not run because an earlier one failed or the run was stopped
 * @param message one line for the operator: what happened and, after a failure, what to do
 */
public record SetReport(String set, String database, Direction direction, List<VersionResult> results,
                        List<String> notRun, Duration elapsed, String message) {

    public SetReport {
        results = List.copyOf(results);
        notRun = List.copyOf(notRun);
    }

    public boolean succeeded() {
        return results.stream().noneMatch(VersionResult::failed) && notRun.isEmpty();
    }
}
