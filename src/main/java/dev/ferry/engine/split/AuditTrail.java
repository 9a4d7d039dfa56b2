package dev.ferry.engine.split;

import dev.ferry.engine.EvidenceReport;
import dev.ferry.engine.EvidenceReport.Action;
import dev.ferry.engine.RunState;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.ReportRecord;
import dev.ferry.store.journal.RunRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Who did what to a run, where and when, as far as its journal tells: started, where it stands now, each validation,
 * repair and rollback, each report made. The one place steering requests (pause, resume, batch size) join.
 */
final class AuditTrail {

    /** What this trail cannot show yet, said in every report rather than left out silently. */
    static final List<String> GAPS = List.of("Pauses, resumes and batch-size changes are not journalled with who"
            + " asked for them yet: the trail shows the run's start, its current state and message, and every"
            + " validation, repair, rollback and report with who ran it.");

    private final Journal journal;

    AuditTrail(Journal journal) {
        this.journal = journal;
    }

    List<Action> of(RunRecord run, List<EvidenceReport.Validation> validations, EvidenceReport.Rollback rollback,
                    List<EvidenceReport.Repair> repairs) {
        List<Action> out = new ArrayList<>();
        out.add(new Action(run.startedAt(), run.operator(), run.host(), "started run " + run.runId() + " (plan version "
                + run.planHash() + ", batches of " + run.batchSize() + ")"));
        RunState state = RunState.valueOf(run.state());
        if (run.endedAt() != null) {
            out.add(new Action(run.endedAt(), run.operator(), run.host(), "run ended: " + (state == RunState.ROLLED_BACK
                    || state == RunState.ROLLING_BACK ? "completed" : state.label())));
        } else if (run.updatedAt() != null && state != RunState.RUNNING) {
            out.add(new Action(run.updatedAt(), run.operator(), run.host(), "run " + state.label()
                    + (run.message().isBlank() ? "" : ": " + run.message())));
        }
        for (EvidenceReport.Validation v : validations) {
            long passed = v.checks().stream().filter(c -> c.status() == dev.ferry.engine.CheckResult.CheckStatus.PASSED)
                    .count();
            out.add(new Action(v.at(), v.operator(), v.host(), "validated: " + passed + " of " + v.checks().size()
                    + " checks passed"));
        }
        for (EvidenceReport.Repair r : repairs) {
            long written = r.records().stream().filter(dev.ferry.engine.RepairReport.Item::repair).count();
            out.add(new Action(r.at(), r.operator(), r.host(), "repaired " + written + " targets"
                    + (written > 0 ? " in batch" + (r.firstBatch() == r.lastBatch() ? " " + r.firstBatch()
                    : "es " + r.firstBatch() + "–" + r.lastBatch()) : "")
                    + (r.askedFor().isEmpty() ? "" : " (asked by key: " + String.join(", ", r.askedFor()) + ")")));
        }
        if (rollback != null) {
            out.add(new Action(rollback.at(), rollback.operator(), rollback.host(), "rolled back; "
                    + (rollback.verified() ? "verified: targets match their pre-run checksums" : "not verified")));
        }
        for (ReportRecord r : journal.evidence().reports(run.runId())) {
            out.add(new Action(r.at(), r.operator(), r.host(), "made a report (" + r.format() + ", SHA-256 "
                    + r.digest().substring(0, 12) + "…)"));
        }
        out.sort(EvidenceReports.BY_TIME);
        return out;
    }
}
