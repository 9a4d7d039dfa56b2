package dev.ferry.service;

import dev.ferry.engine.PartitionStatus;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a run stands, as the dashboard paints it once per tick: the latest figures, at most one new chart point (the
 * batches since the previous tick, merged), and the notes for the log pane. Immutable, so it can cross threads.
 *
 * @param hasData      at least one batch has finished in this attempt (tells "no data yet" from a real 0)
 * @param docsPerSecond records processed per second over the run so far
 * @param sinceLastBatch how long since the last batch finished (or since the start, before the first)
 * @param sample       the chart point of this tick, or null when no batch finished since the previous tick
 * @param ended        the state the run ended in, or null while it goes on
 * @param breach       the guardrail that tripped, or null
 * @param waiting      the database went away and the run is waiting to retry (the latest such event), or null
 * @param workerGone   the run's worker stopped heartbeating while the run still works, or null
 * @param settings     the settings an operator gave the run last, or null when it runs on the plan's
 * @param backfill     chart points of batches replayed from the journal since the previous tick (a console that
 *                     opened on a run that had started draws its charts from the start), oldest first
 * @param throttled    the run slows down for its target's sake ("throttled: replica lag 12 s > 5 s …"), or null
 * @param partitions   where each key range of a partitioned run stands; empty for a run in one piece
 */
public record RunSnapshot(String runId, boolean resumed, long total, long processed, long quarantined,
                          Map<String, Long> written, boolean hasData, double docsPerSecond, Duration elapsed,
                          Duration eta, Duration sinceLastBatch, Instant lastBatchAt, Sample sample,
                          Duration latencyP50, Duration latencyP95, List<String> notes, RunState ended,
                          String endReason, RunEvent.GuardrailBreached breach, RunEvent.WaitingForDatabase waiting,
                          RunEvent.WorkerGone workerGone, RunEvent.SettingsChanged settings, List<Sample> backfill,
                          String throttled, List<PartitionStatus> partitions) {

    public RunSnapshot {
        written = Map.copyOf(written);
        notes = List.copyOf(notes);
        backfill = backfill == null ? List.of() : List.copyOf(backfill);
        throttled = throttled == null || throttled.isEmpty() ? null : throttled;
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    /** A snapshot of a run in one piece that no throttle slows. */
    public RunSnapshot(String runId, boolean resumed, long total, long processed, long quarantined,
                       Map<String, Long> written, boolean hasData, double docsPerSecond, Duration elapsed,
                       Duration eta, Duration sinceLastBatch, Instant lastBatchAt, Sample sample,
                       Duration latencyP50, Duration latencyP95, List<String> notes, RunState ended,
                       String endReason, RunEvent.GuardrailBreached breach, RunEvent.WaitingForDatabase waiting,
                       RunEvent.WorkerGone workerGone, RunEvent.SettingsChanged settings, List<Sample> backfill) {
        this(runId, resumed, total, processed, quarantined, written, hasData, docsPerSecond, elapsed, eta,
                sinceLastBatch, lastBatchAt, sample, latencyP50, latencyP95, notes, ended, endReason, breach, waiting,
                workerGone, settings, backfill, null, List.of());
    }

    /** A snapshot of a run watched in this process (no worker to lose, nothing replayed). */
    public RunSnapshot(String runId, boolean resumed, long total, long processed, long quarantined,
                       Map<String, Long> written, boolean hasData, double docsPerSecond, Duration elapsed,
                       Duration eta, Duration sinceLastBatch, Instant lastBatchAt, Sample sample,
                       Duration latencyP50, Duration latencyP95, List<String> notes, RunState ended,
                       String endReason, RunEvent.GuardrailBreached breach, RunEvent.WaitingForDatabase waiting) {
        this(runId, resumed, total, processed, quarantined, written, hasData, docsPerSecond, elapsed, eta,
                sinceLastBatch, lastBatchAt, sample, latencyP50, latencyP95, notes, ended, endReason, breach, waiting,
                null, null, List.of());
    }

    /** A snapshot of a run that is not waiting for its database. */
    public RunSnapshot(String runId, boolean resumed, long total, long processed, long quarantined,
                       Map<String, Long> written, boolean hasData, double docsPerSecond, Duration elapsed,
                       Duration eta, Duration sinceLastBatch, Instant lastBatchAt, Sample sample,
                       Duration latencyP50, Duration latencyP95, List<String> notes, RunState ended,
                       String endReason, RunEvent.GuardrailBreached breach) {
        this(runId, resumed, total, processed, quarantined, written, hasData, docsPerSecond, elapsed, eta,
                sinceLastBatch, lastBatchAt, sample, latencyP50, latencyP95, notes, ended, endReason, breach, null);
    }

    /** Before any event: nothing known yet. */
    public static final RunSnapshot NONE = new RunSnapshot(null, false, -1, 0, 0, Map.of(), false, 0, Duration.ZERO,
            null, Duration.ZERO, null, null, null, null, List.of(), null, "", null);

    /**
     * One point of the live charts.
     *
     * @param targetBusyPercent saturation: the share of batch time spent writing to the targets (0–100), NaN when the
     *                          run does not measure it
     */
    public record Sample(double seconds, double readPerSecond, double writtenPerSecond, double latencyMs,
                         long errors, double targetBusyPercent) {

        /** A point without a saturation figure. */
        public Sample(double seconds, double readPerSecond, double writtenPerSecond, double latencyMs, long errors) {
            this(seconds, readPerSecond, writtenPerSecond, latencyMs, errors, Double.NaN);
        }
    }
}
