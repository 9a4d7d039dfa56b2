package dev.ferry.engine;

import dev.ferry.engine.CheckResult.CheckStatus;
import java.time.Instant;

/**
 * The latest validation of a run, as the journal keeps it beside the run, so History can say whether what a run
 * wrote was checked and held up without running the checks again.
 *
 * @param at          when the validation finished
 * @param passed      checks that passed
 * @param mismatched  checks that failed (found records that differ)
 * @param cannotCheck checks that could not run (not the same as failed)
 * @param summary     one line: "4 passed", "1 mismatched of 4", "1 cannot check of 4"
 */
public record ValidationVerdict(Instant at, int passed, int mismatched, int cannotCheck, String summary) {

    /** The verdict of {@code report}, finished at {@code at}. */
    public static ValidationVerdict of(ValidationReport report, Instant at) {
        int passed = count(report, CheckStatus.PASSED);
        int mismatched = count(report, CheckStatus.FAILED);
        int cannot = count(report, CheckStatus.COULD_NOT_CHECK);
        return new ValidationVerdict(at, passed, mismatched, cannot, summary(passed, mismatched, cannot));
    }

    /** True when every check passed (and at least one ran). */
    public boolean ok() {
        return mismatched == 0 && cannotCheck == 0 && passed > 0;
    }

    public static String summary(int passed, int mismatched, int cannot) {
        int total = passed + mismatched + cannot;
        if (total == 0) {
            return "no checks ran";
        }
        if (mismatched == 0 && cannot == 0) {
            return passed + " passed";
        }
        String failed = mismatched == 0 ? "" : mismatched + " mismatched";
        String unknown = cannot == 0 ? "" : cannot + " cannot check";
        return failed + (failed.isEmpty() || unknown.isEmpty() ? "" : ", ") + unknown + " of " + total;
    }

    private static int count(ValidationReport report, CheckStatus status) {
        return (int) report.checks().stream().filter(c -> c.status() == status).count();
    }
}
