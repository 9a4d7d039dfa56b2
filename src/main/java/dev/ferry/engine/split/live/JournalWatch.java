package dev.ferry.engine.split.live;

import dev.ferry.engine.Partition;
import dev.ferry.engine.PartitionStatus;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunWatch;
import dev.ferry.engine.WorkerStatus;
import dev.ferry.engine.runtime.TransientFailure;
import dev.ferry.store.Secrets;
import dev.ferry.store.journal.BatchRecord;
import dev.ferry.store.journal.EventRecord;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.PartitionRecord;
import dev.ferry.store.journal.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a run through its journal on a thread of its own, every {@link #PERIOD}: its batch records and events,
 * from the first, replayed in time order as the {@link RunEvent}s the run emitted, then whatever comes next. Following
 * a plan, it moves to the plan's next run when one starts. A run the journal says is working whose worker stopped
 * heartbeating is reported once as {@link RunEvent.WorkerGone}; a journal that cannot be read as
 * {@link RunEvent.WaitingForDatabase}.
 */
public final class JournalWatch implements RunWatch {

    /** How often the journal is read: 4 times a second, as the console paints. */
    public static final Duration PERIOD = Duration.ofMillis(250);
    /** Events are read again this far back, and told apart by id: writers' clocks and commits need not be in step. */
    private static final Duration OVERLAP = Duration.ofSeconds(5);
    private static final int PAGE = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(JournalWatch.class);

    private final Journal journal;
    private final String plan;
    private final String fixedRun;
    private final RunListener listener;
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    // on the watch's thread only
    private String run;
    private long lastBatch;
    private Instant eventsFrom = Instant.EPOCH;
    private final Map<String, Instant> seen = new LinkedHashMap<>();
    private BatchReplay replay = new BatchReplay();
    /** The run's key ranges when it runs in partitions (their batches are read range by range), else null. */
    private List<PartitionRecord> ranges;
    private long[] rangeLast;
    private PartitionReplay rangeReplay;
    private List<PartitionStatus> rangeStatus = List.of();
    private boolean goneReported;
    private long lastLivenessCheck;
    private int failures;
    private long lastFailureReport;

    private JournalWatch(Journal journal, String plan, String runId, RunListener listener) {
        this.journal = journal;
        this.plan = plan;
        this.fixedRun = runId;
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-watch-" + plan);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts following {@code runId} of {@code plan} (null: the plan's latest run, and the next ones). */
    public static JournalWatch start(Journal journal, String plan, String runId, RunListener listener) {
        JournalWatch watch = new JournalWatch(journal, plan, runId, listener);
        watch.timer.scheduleWithFixedDelay(watch::pollQuietly, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    private void pollQuietly() {
        try {
            poll();
            failures = 0;
        } catch (RuntimeException e) {
            if (closed || Thread.currentThread().isInterrupted()) {
                return; // closing interrupts a read under way: nothing to report
            }
            failures++;
            Optional<String> reason = TransientFailure.reason(e);
            long now = System.nanoTime();
            if (failures == 1 || now - lastFailureReport > Duration.ofSeconds(5).toNanos()) {
                lastFailureReport = now;
                String why = reason.orElse(Secrets.redact(String.valueOf(e.getMessage())));
                LOG.warn("watching {}: could not read the journal: {}", plan, why);
                if (run != null) {
                    listener.on(new RunEvent.WaitingForDatabase(Instant.now(), run, failures, PERIOD,
                            "the journal cannot be read: " + why));
                }
            }
        }
    }

    void poll() {
        String current = fixedRun != null ? fixedRun
                : journal.runs().latest(plan).map(RunRecord::runId).orElse(null);
        if (current == null) {
            return;
        }
        if (!current.equals(run)) {
            run = current;
            lastBatch = 0;
            eventsFrom = Instant.EPOCH;
            seen.clear();
            replay = new BatchReplay();
            ranges = null;
            rangeStatus = List.of();
            goneReported = false;
        }
        List<Timed> merged = new ArrayList<>();
        // batches first: a run journals an event before the batches that follow it, so none is missed between
        if (ranges == null && lastBatch == 0) {
            List<PartitionRecord> recorded = journal.partitions().of(run);
            if (!recorded.isEmpty()) {
                ranges = recorded;
                rangeLast = new long[recorded.size()];
                for (int i = 0; i < rangeLast.length; i++) {
                    rangeLast[i] = i * Partition.BATCHES_PER_PARTITION;
                }
                rangeReplay = new PartitionReplay(journal.runs().find(run).map(r -> r.checkpoint().total())
                        .filter(t -> t > 0).orElse(-1L));
            }
        }
        if (ranges == null) {
            for (BatchRecord b : journal.batches().after(run, lastBatch, PAGE)) {
                merged.add(new Timed(b.at(), 1, replay.event(b)));
                lastBatch = b.batch();
            }
        } else {
            rangeBatches(merged);
        }
        List<EventRecord> events = journal.events().since(run, eventsFrom.minus(OVERLAP), PAGE);
        for (EventRecord e : events) {
            if (seen.putIfAbsent(e.id(), e.at()) == null) {
                EventCodec.event(e).ifPresent(ev -> merged.add(new Timed(e.at(), 0, ev)));
            }
            if (e.at().isAfter(eventsFrom)) {
                eventsFrom = e.at();
            }
        }
        seen.values().removeIf(at -> at.isBefore(eventsFrom.minus(OVERLAP.multipliedBy(2))));
        merged.sort(Comparator.comparing(Timed::at).thenComparing(Timed::order));
        for (Timed t : merged) {
            if (closed) {
                return;
            }
            listener.on(t.event());
        }
        checkWorker();
    }

    /**
     * A partitioned run's new batch records, range by range (each range numbers its batches in a block of its own),
     * replayed in time order as the run's sums; and the ranges' states, when they changed.
     */
    private void rangeBatches(List<Timed> merged) {
        List<BatchRecord> batches = new ArrayList<>();
        for (int i = 0; i < rangeLast.length; i++) {
            long upTo = (i + 1) * Partition.BATCHES_PER_PARTITION - 1;
            for (BatchRecord b : journal.batches().between(run, rangeLast[i], upTo, PAGE)) {
                batches.add(b);
                rangeLast[i] = b.batch();
            }
        }
        batches.sort(Comparator.comparing(BatchRecord::at));
        for (BatchRecord b : batches) {
            merged.add(new Timed(b.at(), 1, rangeReplay.event(b)));
        }
        List<PartitionStatus> now = journal.partitions().of(run).stream().map(PartitionStatuses::status).toList();
        if (!now.equals(rangeStatus)) {
            rangeStatus = now;
            Instant at = batches.isEmpty() ? Instant.now() : batches.get(batches.size() - 1).at();
            merged.add(new Timed(at, 2, new RunEvent.PartitionsProgress(at, run, now)));
        }
    }

    /** At most once a second: a run the journal says is working, whose worker has gone silent, is reported once. */
    private void checkWorker() {
        long now = System.nanoTime();
        if (now - lastLivenessCheck < Duration.ofSeconds(1).toNanos()) {
            return;
        }
        lastLivenessCheck = now;
        RunRecord record = journal.runs().find(run).orElse(null);
        if (record == null) {
            return;
        }
        RunState state = RunState.valueOf(record.state());
        if (state != RunState.RUNNING && state != RunState.ROLLING_BACK) {
            goneReported = false;
            return;
        }
        Instant at = Instant.now();
        Optional<WorkerStatus> worker = WorkerStatuses.latest(journal.workers().ofRun(run), at);
        boolean alive = worker.map(WorkerStatus::alive).orElseGet(() ->
                journal.leases().holder(record.plan()).filter(l -> run.equals(l.runId())).isPresent());
        if (alive) {
            goneReported = false;
        } else if (!goneReported) {
            goneReported = true;
            listener.on(new RunEvent.WorkerGone(at, run, worker.map(WorkerStatus::heartbeatAt)
                    .orElse(record.updatedAt()), worker.map(WorkerStatus::host).orElse(record.host()),
                    worker.map(WorkerStatus::pid).orElse(0L), worker.map(WorkerStatus::log).orElse(null)));
        }
    }

    private record Timed(Instant at, int order, RunEvent event) { }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
