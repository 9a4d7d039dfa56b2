package dev.ferry.store.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a run leaves as evidence beyond its progress: each dry run's estimate and each finished run's actual time
 * (forecasts learn from them), the validations with their checks, the rollback's verification, repairs, and the
 * digests of the reports made of it. Kept beside the rest of the journal; every write is keyed, so repeating one
 * replaces it rather than adding another.
 */
public interface Evidence {

    void estimated(EstimateRecord estimate);

    /** The latest estimate of this plan version made at or before {@code before}. */
    Optional<EstimateRecord> latestEstimate(String plan, String planHash, Instant before);

    /** Keeps a finished run's outcome; one per run (recording it again replaces it). */
    void finished(OutcomeRecord outcome);

    Optional<OutcomeRecord> outcome(String runId);

    /** The outcomes of a plan's runs (any version), newest first, at most {@code limit}. */
    List<OutcomeRecord> outcomes(String plan, int limit);

    void validated(ValidationRecord validation);

    /** A run's validations, oldest first. */
    List<ValidationRecord> validations(String runId);

    /** Keeps a rollback's outcome; one per run. */
    void rolledBack(RollbackRecord rollback);

    Optional<RollbackRecord> rollback(String runId);

    void repaired(RepairRecord repair);

    /** A run's repairs, oldest first. */
    List<RepairRecord> repairs(String runId);

    void reported(ReportRecord report);

    /** The report with this SHA-256 (lower-case hex), if Ferry made one here. */
    Optional<ReportRecord> report(String digest);

    /** The reports made of a run, oldest first. */
    List<ReportRecord> reports(String runId);
}
