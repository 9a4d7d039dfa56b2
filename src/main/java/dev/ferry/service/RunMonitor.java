package dev.ferry.service;

import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coalesces a run's engine events for the console: events arrive on the engine's thread at any rate and are only
 * accumulated here; {@link #drain()} (called by a ticker on the UI thread, about 4 times a second) turns what arrived
 * since the previous call into one {@link RunSnapshot}, so the FX thread only paints.
 */
public final class RunMonitor implements RunListener {

    /** How often the console publishes a snapshot: at most 4 UI updates a second. */
    public static final Duration PERIOD = Duration.ofMillis(250);
    /** Notes (quarantined records, guardrails, state changes) kept per tick; the rest are counted in one line. */
    static final int NOTES_PER_TICK = 20;
    private static final int LATENCIES = 512;

    private final Clock clock;
    private final Object lock = new Object();
    // guarded by lock
    private final Instant createdAt;
    private RunEvent.Started started;
    private RunEvent.BatchDone latest;
    private Instant lastBatchAt;
    private int batchesSinceDrain;
    private double readSum;
    private double writtenSum;
    private double busySum;
    private int busyCount;
    private long maxLatencyMs;
    private final long[] latencies = new long[LATENCIES];
    private int latencyCount;
    private final List<String> notes = new ArrayList<>();
    private int notesDropped;
    private RunState ended;
    private String endReason = "";
    private RunEvent.GuardrailBreached breach;
    private RunEvent.WaitingForDatabase waiting;
    private double[] held = {0, 0, 0, Double.NaN};
    private boolean finalSampled;
    private RunEvent.WorkerGone workerGone;
    private RunEvent.SettingsChanged settings;
    private String throttled;
    private List<dev.ferry.engine.PartitionStatus> partitions = List.of();
    private final List<RunSnapshot.Sample> backfill = new ArrayList<>();
    private double replayBucketEnd = -1;
    private int replayBatches;
    private double replayRead;
    private double replayWritten;
    private double replayBusy;
    private int replayBusyCount;
    private long replayMaxLatency;

    public RunMonitor(Clock clock) {
        this.clock = clock;
        this.createdAt = clock.instant();
    }

    @Override
    public void on(RunEvent event) {
        synchronized (lock) {
            if (!(event instanceof RunEvent.WaitingForDatabase) && !(event instanceof RunEvent.Quarantined)) {
                waiting = null; // the engine got through to the database again
            }
            if (!(event instanceof RunEvent.WorkerGone)) {
                workerGone = null; // something happened: a worker works on the run again
            }
            if (event instanceof RunEvent.WorkerGone g) {
                workerGone = g;
                note("The run's worker" + (g.pid() > 0 ? " (pid " + g.pid() + " on " + g.host() + ")" : "")
                        + " has not been heard from since " + dev.ferry.format.HumanFormat.time(g.since())
                        + ": it is gone. Resume starts a new worker" + (g.log() == null ? "." : "; its log: " + g.log()));
            } else if (event instanceof RunEvent.Throttled t) {
                throttled = t.reason().isEmpty() ? null : t.reason();
                note(t.reason().isEmpty() ? "Throttle released: the target is back under its limits" : t.reason());
            } else if (event instanceof RunEvent.PartitionsProgress p) {
                partitions = p.partitions();
            } else if (event instanceof RunEvent.SettingsChanged c) {
                settings = c;
                note("Settings changed by " + c.by() + ": batch size " + dev.ferry.format.HumanFormat.count(c.batchSize())
                        + ", " + (c.rate() > 0 ? "rate limit " + dev.ferry.format.HumanFormat.count(Math.round(c.rate()))
                        + " records/s" : "no rate limit"));
            } else if (event instanceof RunEvent.WaitingForDatabase w) {
                waiting = w;
                note("Waiting for the database (attempt " + w.attempt() + ", retry in "
                        + dev.ferry.format.HumanFormat.duration(w.delay()) + "): " + w.reason());
            } else if (event instanceof RunEvent.Started s) {
                started = s;
                ended = null; // an attempt after waiting for the database: the run goes on
                endReason = "";
                finalSampled = false;
                note((s.resumed() ? "Resumed run " : "Started run ") + s.runId() + " of " + s.plan()
                        + (s.alreadyProcessed() > 0 ? " at record " + s.alreadyProcessed() : ""));
            } else if (event instanceof RunEvent.BatchDone b) {
                latest = b;
                lastBatchAt = clock.instant();
                batchesSinceDrain++;
                readSum += b.readPerSecond();
                writtenSum += b.writtenPerSecond();
                if (!Double.isNaN(b.targetBusy())) {
                    busySum += b.targetBusy();
                    busyCount++;
                }
                maxLatencyMs = Math.max(maxLatencyMs, b.latency().toMillis());
                latencies[latencyCount++ % LATENCIES] = b.latency().toMillis();
            } else if (event instanceof RunEvent.Quarantined q) {
                note("Quarantined " + q.sourceKey() + ": " + q.reason());
            } else if (event instanceof RunEvent.GuardrailBreached g) {
                breach = g;
                note("Guardrail " + g.guardrail() + " breached (observed " + round(g.observed()) + ", limit "
                        + round(g.limit()) + "): " + g.action());
            } else if (event instanceof RunEvent.StateChanged c) {
                if (c.state() != RunState.RUNNING) {
                    ended = c.state();
                    endReason = c.reason() == null ? "" : c.reason();
                }
                note("Run " + c.state().label() + (c.reason() == null || c.reason().isBlank() ? "" : ": "
                        + c.reason()));
            }
        }
    }

    /**
     * A batch read back from the journal some time after it ran (a console that opened on a run that had started):
     * counted like a live one, and drawn as chart points of {@link #PERIOD} of the run's time each, as a console that
     * watched all along would have drawn them.
     */
    public void replayed(RunEvent.BatchDone b) {
        synchronized (lock) {
            workerGone = null;
            waiting = null;
            double seconds = b.elapsed().toMillis() / 1000.0;
            if (replayBucketEnd >= 0 && seconds > replayBucketEnd && replayBatches > 0) {
                closeReplayBucket();
            }
            if (replayBatches == 0) {
                replayBucketEnd = seconds + PERIOD.toMillis() / 1000.0;
            }
            replayBatches++;
            replayRead += b.readPerSecond();
            replayWritten += b.writtenPerSecond();
            if (!Double.isNaN(b.targetBusy())) {
                replayBusy += b.targetBusy();
                replayBusyCount++;
            }
            replayMaxLatency = Math.max(replayMaxLatency, b.latency().toMillis());
            latest = b;
            lastBatchAt = b.at();
            latencies[latencyCount++ % LATENCIES] = b.latency().toMillis();
            held = new double[] {b.readPerSecond(), b.writtenPerSecond(), b.latency().toMillis(),
                    Double.isNaN(b.targetBusy()) ? Double.NaN : 100 * b.targetBusy()};
            finalSampled = true; // the replayed points already end at the run's last batch
        }
    }

    private void closeReplayBucket() {
        backfill.add(new RunSnapshot.Sample(latest.elapsed().toMillis() / 1000.0, replayRead / replayBatches,
                replayWritten / replayBatches, replayMaxLatency, latest.quarantined(),
                replayBusyCount == 0 ? Double.NaN : 100 * replayBusy / replayBusyCount));
        replayBatches = 0;
        replayRead = 0;
        replayWritten = 0;
        replayBusy = 0;
        replayBusyCount = 0;
        replayMaxLatency = 0;
    }

    /** True once the engine has opened the run (before that, nothing was written). */
    public boolean started() {
        synchronized (lock) {
            return started != null;
        }
    }

    /** What arrived since the previous call, as one snapshot. Call on the UI thread. */
    public RunSnapshot drain() {
        synchronized (lock) {
            Instant now = clock.instant();
            if (replayBatches > 0) {
                closeReplayBucket();
            }
            List<RunSnapshot.Sample> replayedPoints = List.copyOf(backfill);
            backfill.clear();
            RunSnapshot.Sample sample = null;
            if (batchesSinceDrain > 0) {
                held = new double[] {readSum / batchesSinceDrain, writtenSum / batchesSinceDrain, maxLatencyMs,
                        busyCount == 0 ? Double.NaN : 100 * busySum / busyCount};
                batchesSinceDrain = 0;
                readSum = 0;
                writtenSum = 0;
                busySum = 0;
                busyCount = 0;
                maxLatencyMs = 0;
            }
            if (latest != null && ended == null) {
                // a live chart samples every tick: the batches of this tick merged, else the last batch's values held
                double seconds = (latest.elapsed().toMillis() + Duration.between(lastBatchAt, now).toMillis()) / 1000.0;
                sample = new RunSnapshot.Sample(seconds, held[0], held[1], held[2], latest.quarantined(), held[3]);
            } else if (latest != null && !finalSampled) {
                finalSampled = true; // the run stopped: one last point, at its last batch
                sample = new RunSnapshot.Sample(latest.elapsed().toMillis() / 1000.0, held[0], held[1], held[2],
                        latest.quarantined(), held[3]);
            }
            List<String> drained = new ArrayList<>(notes);
            if (notesDropped > 0) {
                drained.add("… and " + notesDropped + " more (the full list is in the journal's quarantine)");
            }
            notes.clear();
            notesDropped = 0;
            long total = latest != null ? latest.total() : started != null ? started.total() : -1;
            long processed = latest != null ? latest.processed() : started != null ? started.alreadyProcessed() : 0;
            Duration elapsed = latest != null ? latest.elapsed() : Duration.ZERO;
            double rate = latest == null || elapsed.isZero() ? 0 : processed / (elapsed.toMillis() / 1000.0);
            Instant since = lastBatchAt != null ? lastBatchAt : createdAt;
            return new RunSnapshot(started == null ? null : started.runId(), started != null && started.resumed(),
                    total, processed, latest == null ? 0 : latest.quarantined(),
                    latest == null ? Map.of() : new LinkedHashMap<>(latest.written()), latest != null, rate, elapsed,
                    latest == null ? null : latest.eta(), Duration.between(since, now), lastBatchAt, sample,
                    percentile(50), percentile(95), drained, ended, endReason, breach, waiting, workerGone, settings,
                    replayedPoints, ended == null ? throttled : null, partitions);
        }
    }

    private Duration percentile(int p) {
        int n = Math.min(latencyCount, LATENCIES);
        if (n == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return Duration.ofMillis(sorted[Math.min(n - 1, (int) Math.ceil(p / 100.0 * n) - 1)]);
    }

    private void note(String line) {
        if (notes.size() < NOTES_PER_TICK) {
            notes.add(line);
        } else {
            notesDropped++;
        }
    }

    private static String round(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}
