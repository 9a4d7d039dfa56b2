package dev.ferry.cli;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.ValidationReport;
import dev.ferry.format.HumanFormat;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry validate}: the plan's checks with their evidence; exit 1 unless every check passed. */
@Command(name = "validate", description = "Run the plan's validation checks (counts, sampled fields, predicates, "
        + "checksums); exit 1 if any check did not pass.")
final class ValidateCommand extends Verb {

    private static final int KEYS_SHOWN = 10;

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Override
    public Integer call() {
        var loaded = plan.load();
        ValidationReport report;
        try (MigrationEngine engine = connect(database)) {
            report = engine.validate(loaded);
        }
        if (json()) {
            printJson(report);
        } else {
            print(report, out(), verbose());
        }
        return report.passed() ? OK : CHECK_FAILED;
    }

    static void print(ValidationReport r, PrintWriter out, boolean allEvidence) {
        out.println("Validation of " + r.plan());
        long passed = 0;
        for (CheckResult c : r.checks()) {
            boolean ok = c.status() == CheckResult.CheckStatus.PASSED;
            passed += ok ? 1 : 0;
            String method = c.method().equals(c.name()) ? "" : c.method() + ", ";
            out.println((ok ? "✓ " : "✗ ") + c.status().name().replace('_', ' ') + "  " + c.name() + " (" + method
                    + HumanFormat.count(c.checked()) + "/" + HumanFormat.count(c.total()) + " checked, "
                    + HumanFormat.duration(c.took()) + "): " + c.summary());
            if (!ok || allEvidence) {
                c.evidence().forEach(line -> out.println("      " + line));
            }
            if (c.mismatched() > 0) {
                int shown = Math.min(KEYS_SHOWN, c.failingKeys().size());
                out.println("      failing keys: " + String.join(", ", c.failingKeys().subList(0, shown))
                        + (c.mismatched() > shown ? " … and " + HumanFormat.count(c.mismatched() - shown) + " more" : ""));
            }
        }
        if (!r.notCovered().isEmpty()) {
            out.println("Not covered by these checks:");
            r.notCovered().forEach(gap -> out.println("  - " + gap));
        }
        if (r.passed() && !r.warnings().isEmpty()) { // all passed, yet not all good: amber, never the plain sentence
            out.println("⚠ The " + r.checks().size() + " checks passed, but " + r.warnings().get(0));
            r.warnings().stream().skip(1).forEach(w -> out.println("⚠ " + w));
            return;
        }
        out.println(r.passed() ? "All " + r.checks().size() + " checks passed."
                : (r.checks().size() - passed) + " of " + r.checks().size() + " checks did not pass.");
        r.warnings().forEach(w -> out.println("⚠ " + w));
    }
}
