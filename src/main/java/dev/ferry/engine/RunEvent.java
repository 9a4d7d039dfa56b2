package dev.ferry.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Plain records that the engine emits while it works; the console and the CLI consume the same ones. */
public sealed interface RunEvent {

    Instant at();

    /** A run (or rollback) began. {@code total} is the number of source records, or -1 when unknown. */
    record Started(Instant at, String runId, String plan, long total, long alreadyProcessed, boolean resumed,
                   long alreadyQuarantined) implements RunEvent {

        /** A start with nothing quarantined before it (a fresh run, a dry run, a rollback). */
        public Started(Instant at, String runId, String plan, long total, long alreadyProcessed, boolean resumed) {
            this(at, runId, plan, total, alreadyProcessed, resumed, 0);
        }
    }

    /**
     * A batch was written and checkpointed.
     *
     * @param readPerSecond     source records read per second over the last batch
     * @param writtenPerSecond  target documents written per second over the last batch
     * @param latency           wall time of this batch (read + map + write + checkpoint)
     * @param eta               estimated time left from the recent rate, or null when not yet known
     * @param targetBusy        saturation: the share (0–1) of this batch's time spent writing to the targets and
     *                          checkpointing, not waiting for the next batch to be read. Near 1 the target database
     *                          is the bottleneck; low, the source is. NaN when not measured (PostgreSQL operations,
     *                          which run inside the database, and dry runs)
     * @param batches           the run's number of batches when the engine knows it (a PostgreSQL conversion cuts each
     *                          table on its own, so it is not {@code total} over the batch size), or -1
     */
    record BatchDone(Instant at, String runId, long batch, long processed, long total, long quarantined,
                     Map<String, Long> written, double readPerSecond, double writtenPerSecond, Duration latency,
                     Duration elapsed, Duration eta, double targetBusy, long batches) implements RunEvent {
        public BatchDone {
            written = Map.copyOf(written);
        }

        /** A batch of a run whose number of batches follows from its records and batch size. */
        public BatchDone(Instant at, String runId, long batch, long processed, long total, long quarantined,
                         Map<String, Long> written, double readPerSecond, double writtenPerSecond, Duration latency,
                         Duration elapsed, Duration eta, double targetBusy) {
            this(at, runId, batch, processed, total, quarantined, written, readPerSecond, writtenPerSecond, latency,
                    elapsed, eta, targetBusy, -1);
        }

        /** A batch whose saturation was not measured. */
        public BatchDone(Instant at, String runId, long batch, long processed, long total, long quarantined,
                         Map<String, Long> written, double readPerSecond, double writtenPerSecond, Duration latency,
                         Duration elapsed, Duration eta) {
            this(at, runId, batch, processed, total, quarantined, written, readPerSecond, writtenPerSecond, latency,
                    elapsed, eta, Double.NaN);
        }
    }

    /** A source record could not be migrated and was put in quarantine. */
    record Quarantined(Instant at, String runId, String sourceKey, String reason) implements RunEvent { }

    /** The run changed state (paused, resumed, completed, …), with the reason in words. */
    record StateChanged(Instant at, String runId, RunState state, String reason) implements RunEvent { }

    /** A guardrail tripped: which, the observed value and the limit, and what Ferry does about it. */
    record GuardrailBreached(Instant at, String runId, String guardrail, double observed, double limit,
                             String action) implements RunEvent { }

    /**
     * The run slows down for its target's sake, or stops doing so: {@code reason} is "throttled: replica lag 12 s >
     * 5 s (waiting 1.6 s between batches)", or empty once the target is back under its limits; {@code delay} is the
     * wait between batches now.
     */
    record Throttled(Instant at, String runId, String reason, Duration delay) implements RunEvent { }

    /**
     * Where each key range of a partitioned run stands (sent when one of them changed): what a partition grid shows.
     * The run's own figures, their sum, come as {@link BatchDone}.
     */
    record PartitionsProgress(Instant at, String runId, java.util.List<PartitionStatus> partitions)
            implements RunEvent {

        public PartitionsProgress {
            partitions = java.util.List.copyOf(partitions);
        }
    }

    /** Rollback progress: undo entries replayed so far out of the total. */
    record UndoProgress(Instant at, String runId, long done, long total) implements RunEvent { }

    /**
     * The database went away or timed out: the run waits {@code delay} (attempt {@code attempt}, backoff with jitter)
     * and then resumes from its checkpoint by itself. {@code runId} is null when the run had not started yet.
     */
    record WaitingForDatabase(Instant at, String runId, int attempt, Duration delay, String reason)
            implements RunEvent { }

    /**
     * The run's worker stopped heartbeating while the journal still says it works: its process died or its host went
     * away. Nothing advances the run until it is resumed (which starts a new worker).
     *
     * @param since when the worker was last heard from
     * @param host  where it ran; {@code log} its log file there (null when unknown)
     */
    record WorkerGone(Instant at, String runId, Instant since, String host, long pid, String log)
            implements RunEvent { }

    /**
     * The run's settings changed at an operator's request, from any console or terminal.
     *
     * @param batchSize records per batch from the next batch on
     * @param rate      the rate limit in records per second; 0 for none
     * @param by        who asked, as {@code operator@host}
     */
    record SettingsChanged(Instant at, String runId, int batchSize, double rate, String by) implements RunEvent { }
}
