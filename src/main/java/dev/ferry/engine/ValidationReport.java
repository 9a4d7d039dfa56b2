package dev.ferry.engine;

import java.util.List;

/**
 * Every check of a plan's validation, in plan order.
 *
 * @param warnings what keeps a validation whose checks all passed from being green: source records the run did not
 *                 migrate ("60 of 600 source records are in quarantine …"); empty when there is none
 */
public record ValidationReport(String plan, List<CheckResult> checks, List<String> notCovered, List<String> warnings) {
    public ValidationReport {
        checks = List.copyOf(checks);
        notCovered = List.copyOf(notCovered);
        warnings = List.copyOf(warnings);
    }

    /** A validation with nothing to warn about beyond its checks. */
    public ValidationReport(String plan, List<CheckResult> checks, List<String> notCovered) {
        this(plan, checks, notCovered, List.of());
    }

    public boolean passed() {
        return checks.stream().allMatch(c -> c.status() == CheckResult.CheckStatus.PASSED);
    }
}
