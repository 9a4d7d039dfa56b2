package dev.ferry.store.journal;

import java.util.List;

/** Records that could not be migrated, with the reason for each failing field and a copy of the source record. */
public interface QuarantineLog {

    /** Puts records in quarantine, keyed by run and source key, so that a replayed batch does not add them twice. */
    void put(String runId, String plan, long batch, List<QuarantineEntry> entries);

    /** The source keys a run put in quarantine, as their own BSON values. */
    List<Object> keys(String runId);

    /** A run's first {@code limit} quarantined records, in the order their batches came. */
    List<QuarantineEntry> entries(String runId, int limit);

    /** Where quarantined records are, for people: {@code ferry_quarantine}, {@code ferry.quarantine}. */
    String place();

    /** The query a person runs to see a run's quarantined records (the mongo shell's, or SQL). */
    String query(String runId);
}
