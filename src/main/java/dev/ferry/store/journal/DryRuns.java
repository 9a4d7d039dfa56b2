package dev.ferry.store.journal;

import java.util.Optional;

/** Dry-run estimates, which a run's duration guardrail compares against. */
public interface DryRuns {

    void record(DryRunRecord dryRun);

    /** The latest dry run of this exact plan version (same hash). */
    Optional<DryRunRecord> latest(String plan, String planHash);
}
