package dev.ferry.engine;

import java.util.List;

/** Every check of a plan's validation, in plan order. */
public record ValidationReport(String plan, List<CheckResult> checks, List<String> notCovered) {
    public ValidationReport {
        checks = List.copyOf(checks);
        notCovered = List.copyOf(notCovered);
    }

    public boolean passed() {
        return checks.stream().allMatch(c -> c.status() == CheckResult.CheckStatus.PASSED);
    }
}
