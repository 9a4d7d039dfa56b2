package dev.ferry.report;

import dev.ferry.engine.EvidenceReport;
import dev.ferry.engine.RunState;

/**
 * The report's headline: what became of the run, in words, and whether that is good. Green only for a completed run
 * whose latest validation passed with nothing quarantined; a verified rollback is done, not good.
 */
record ReportVerdict(Tone tone, String words) {

    enum Tone { GOOD, DONE, WARN, BAD }

    static ReportVerdict of(EvidenceReport r) {
        EvidenceReport.Validation last = r.validations().isEmpty() ? null
                : r.validations().get(r.validations().size() - 1);
        if (r.rollback() != null) {
            return r.rollback().verified()
                    ? new ReportVerdict(Tone.DONE, "Rolled back; the targets match their pre-run checksums")
                    : new ReportVerdict(Tone.BAD, "Rolled back, but the verification found differences");
        }
        if (r.state() == RunState.COMPLETED) {
            if (last == null) {
                return new ReportVerdict(Tone.WARN, "Completed, not validated");
            }
            if (!last.passed()) {
                return new ReportVerdict(Tone.BAD, "Completed; the latest validation did not pass");
            }
            return r.quarantined() > 0
                    ? new ReportVerdict(Tone.WARN, "Completed and validated, with " + Words.count(r.quarantined())
                    + " records in quarantine")
                    : new ReportVerdict(Tone.GOOD, "Completed and validated: data integrity 100 %");
        }
        return switch (r.state()) {
            case FAILED -> new ReportVerdict(Tone.BAD, "Failed: " + r.message());
            case PAUSED, INTERRUPTED -> new ReportVerdict(Tone.WARN, "Stopped before the end (" + r.state().label()
                    + "): resumable from batch " + (r.batches().isEmpty() ? 1
                    : r.batches().get(r.batches().size() - 1).number() + 1));
            default -> new ReportVerdict(Tone.WARN, r.state().label());
        };
    }
}
