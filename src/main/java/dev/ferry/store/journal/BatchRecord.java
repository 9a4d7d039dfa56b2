package dev.ferry.store.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one batch did, and where its run stood after it: what a console or a terminal anywhere replays as the run's
 * progress (a run in several partitions would sum its partitions' latest records).
 *
 * @param read           source records read
 * @param millis         the batch's wall time, from the end of the previous one
 * @param written        target to records written by this batch
 * @param readWaitMillis the part of {@code millis} spent waiting for the batch to be read and mapped (the rest went
 *                       to the targets and the checkpoint)
 * @param elapsedMs      the run's running time after this batch, over every session
 * @param run            the run's counters after this batch (absolute, as its checkpoint); {@link Totals#UNKNOWN} in
 *                       records journalled before Ferry kept them
 */
public record BatchRecord(String runId, long batch, Instant at, long read, long quarantined, long millis,
                          Map<String, Long> written, long readWaitMillis, long elapsedMs, Totals run) {

    public BatchRecord {
        written = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(written));
        run = run == null ? Totals.UNKNOWN : run;
    }

    /** A batch record without timings or totals (bookkeeping samples). */
    public BatchRecord(String runId, long batch, Instant at, long read, long quarantined, long millis,
                       Map<String, Long> written) {
        this(runId, batch, at, read, quarantined, millis, written, 0, 0, Totals.UNKNOWN);
    }

    /** Where a run stood after a batch: records processed of the total, quarantined, written per target so far. */
    public record Totals(long processed, long total, long quarantined, Map<String, Long> written) {

        public static final Totals UNKNOWN = new Totals(-1, -1, -1, Map.of());

        public Totals {
            written = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(written));
        }

        public boolean known() {
            return processed >= 0;
        }
    }
}
