package dev.ferry.report;

import dev.ferry.FerryException;
import dev.ferry.engine.EvidenceReport;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunState;
import dev.ferry.plan.MigrationPlan;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The values Ferry fills into a message: from the plan, the latest dry run's estimate (announcement) or the run's
 * report (status, completion, rollback). A message that would not be true (completion of a paused run) is refused.
 */
public final class MessageValues {

    private static final Duration UPDATE_EVERY = Duration.ofMinutes(30);

    private MessageValues() {
    }

    /** @param runId the run (null: the plan's latest); not used by the announcement */
    public static Map<String, String> of(RunMessage message, MigrationEngine engine, MigrationPlan plan, String runId) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("plan", plan.name());
        v.put("plan_version", plan.hash());
        v.put("source", plan.sourceName());
        v.put("targets", String.join(", ", plan.targetNames()));
        v.put("operator", System.getProperty("user.name", "the operator"));
        if (message == RunMessage.ANNOUNCE) {
            EvidenceReport.Estimate e = engine.latestEstimate(plan).orElseThrow(() -> FerryException.usage("No dry"
                    + " run of " + plan.name() + " as it is now: run ferry dry-run first, so that the announcement's"
                    + " duration is Ferry's estimate."));
            v.put("records", Words.count(e.sourceRecords()));
            v.put("estimate", Words.duration(e.estimated()));
            v.put("estimate_basis", "dry run of " + Words.time(e.at()) + ", " + Words.calibration(e));
            return v;
        }
        EvidenceReport r = engine.report(plan, runId);
        v.put("run", r.runId());
        v.put("records", Words.count(r.total()));
        v.put("state", r.state().label());
        v.put("quarantined", Words.count(r.quarantined()));
        switch (message) {
            case STATUS -> status(r, v);
            case COMPLETE -> complete(r, v);
            case ROLLBACK -> rollback(r, v);
            default -> throw new IllegalStateException(message.name());
        }
        return v;
    }

    private static void status(EvidenceReport r, Map<String, String> v) {
        long seconds = Math.max(1, r.running().toSeconds());
        v.put("update", String.valueOf(Math.max(1, r.running().toMillis() / UPDATE_EVERY.toMillis())));
        v.put("elapsed", Words.duration(r.running()));
        v.put("processed", Words.count(r.processed()));
        v.put("total", Words.count(r.total()));
        v.put("percent", r.total() == 0 ? "0 %" : String.format(Locale.ROOT, "%.0f %%", 100.0 * r.processed()
                / r.total()));
        double rate = r.processed() / (double) seconds;
        v.put("rate", String.format(Locale.ROOT, "%,.0f", rate));
        String issues = r.quarantined() == 0 ? "None" : Words.count(r.quarantined()) + " records set aside for review"
                + " (quarantined with their reasons)";
        if (r.state() != RunState.RUNNING && r.state() != RunState.COMPLETED) {
            issues = "the run is " + r.state().label() + (r.message().isBlank() ? "" : ": " + r.message()) + "; "
                    + issues;
        }
        v.put("issues", issues);
        long left = Math.max(0, r.total() - r.processed());
        v.put("eta", r.state() == RunState.COMPLETED ? "done" : rate <= 0 ? "unknown until the first batch"
                : Words.duration(Duration.ofSeconds(Math.round(left / rate))));
    }

    private static void complete(EvidenceReport r, Map<String, String> v) {
        if (r.state() != RunState.COMPLETED) {
            throw FerryException.usage("Run " + r.runId() + " of " + r.plan() + " is " + r.state().label()
                    + ": a completion message would not be true. Send a status update (ferry message status).");
        }
        v.put("migrated", Words.count(r.processed() - r.quarantined()));
        v.put("took", Words.duration(r.running()));
        v.put("integrity", integrity(r));
    }

    /** "100%" only when the latest validation passed every check and nothing was set aside. */
    private static String integrity(EvidenceReport r) {
        if (r.validations().isEmpty()) {
            return "not validated yet";
        }
        EvidenceReport.Validation last = r.validations().get(r.validations().size() - 1);
        long passed = last.checks().stream().filter(c -> c.status() == dev.ferry.engine.CheckResult.CheckStatus.PASSED)
                .count();
        if (!last.passed()) {
            return passed + " of " + last.checks().size() + " checks passed (validated " + Words.time(last.at())
                    + ")";
        }
        return r.quarantined() == 0 ? "100%" : "100% of migrated records verified; " + Words.count(r.quarantined())
                + " records set aside for review";
    }

    private static void rollback(EvidenceReport r, Map<String, String> v) {
        EvidenceReport.Rollback rb = r.rollback();
        EvidenceReport.Validation last = r.validations().isEmpty() ? null
                : r.validations().get(r.validations().size() - 1);
        String issue = last != null && !last.passed() ? "a data mismatch (" + integrity(r) + ")"
                : r.state() == RunState.FAILED ? "a failure (" + r.message() + ")" : "[ISSUE]";
        v.put("issue", issue);
        v.put("rollback_state", rb == null ? "in Progress" : rb.verified() ? "Complete" : "Incomplete");
        v.put("rollback_action", rb == null ? "are rolling back" : "have rolled back");
        v.put("rollback_status", rb == null ? "Rollback in progress"
                : rb.verified() ? "Rolled back " + Words.time(rb.at()) + "; every target matches its checksum from"
                + " before the migration" : "Rolled back " + Words.time(rb.at()) + ", but the verification found"
                + " differences: " + String.join("; ", rb.verification()));
    }
}
