package dev.ferry.store.journal;

import java.util.List;
import java.util.Map;

/**
 * Which source record wrote each key of a target in a run, so that a later record of the same run (of another batch,
 * or of an attempt after a resume) that maps to a key already written is caught before it writes over it. Kept per
 * run, target and key, beside the batch that wrote it; {@link Journal#discardAfter} forgets the later batches' keys
 * with the rest of what they journalled.
 */
public interface TargetKeys {

    /**
     * Of these keys of one target, those the run wrote already, each with the record that wrote it, by
     * {@link dev.ferry.store.SourceKeys#identity} of the key (5, 5L and 5.0 are one key, as in the database).
     */
    Map<Object, KeyWriter> writtenBy(String runId, String target, List<Object> keys);

    /**
     * Records who writes each key. A key recorded already by the same source record (a replayed batch) takes the new
     * batch; one recorded by another source record keeps that first record (two key ranges of a run claiming a key
     * at the same moment: {@link #writtenBy} then names the first).
     */
    void record(String runId, String target, List<KeyWriter> writers);
}
