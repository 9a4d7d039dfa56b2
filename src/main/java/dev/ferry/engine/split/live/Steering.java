package dev.ferry.engine.split.live;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.format.HumanFormat;
import dev.ferry.store.Secrets;
import dev.ferry.store.journal.ControlRequest;
import dev.ferry.store.journal.Journal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators' requests to the run this process works on, read from the journal between batches (at most every
 * {@link #POLL_EVERY}) and honoured: pause and cancel through the run's control, a new batch size from the next page
 * on, a rate limit by waiting between batches. Each honoured request is marked with when and by whom. Requests made
 * before this process started and never honoured (their worker died) are settled when the run opens: settings still
 * apply, a stale pause or cancel is marked superseded rather than stopping the resumed run.
 */
public final class Steering {

    static final Duration POLL_EVERY = Duration.ofMillis(Long.getLong("ferry.steering.poll.ms", 400));
    private static final Logger LOG = LoggerFactory.getLogger(Steering.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final Journal journal;
    private final RunControl control;
    private final Instant since;
    private final String me;
    private final Set<String> applied = new HashSet<>();
    private volatile int batchSize;
    private volatile double rate;
    private IntConsumer resize = n -> { };
    private RunListener listener = RunListener.NONE;
    private String runId;
    private long lastPoll;
    private long windowStart;
    private long windowRecords;

    /** @param control the operator's control of the run (not one attempt's), which a request pauses or cancels */
    public Steering(Journal journal, int batchSize, RunControl control) {
        this.journal = journal;
        this.batchSize = batchSize;
        this.control = control;
        Identity id = Identity.current();
        this.me = id.operator() + "@" + id.host() + " (pid " + id.pid() + ")";
        this.since = ProcessHandle.current().info().startInstant().orElse(Instant.now()).minusSeconds(1);
    }

    /** Records per batch now (the plan's, until an operator changes it). */
    public int batchSize() {
        return batchSize;
    }

    /** The rate limit in records per second now; 0 for none. */
    public double rate() {
        return rate;
    }

    /** Where a new batch size goes (the current attempt's reader). */
    public void onResize(IntConsumer resize) {
        this.resize = resize;
    }

    /**
     * The run is open: settles what was asked of it before — the latest settings apply again (an operator's last word
     * on them holds for the run, across pauses), a pause or cancel no worker honoured before this process started is
     * marked superseded, a resume is honoured — then follows what is asked from now on.
     */
    public synchronized void open(String runId, RunListener listener) {
        this.listener = listener;
        this.runId = runId;
        applied.clear();
        lastPoll = System.nanoTime();
        List<ControlRequest> earlier;
        try {
            earlier = journal.requests().ofRuns(List.of(runId));
        } catch (RuntimeException e) {
            LOG.debug("could not read requests to run {}: {}", runId, Secrets.redact(String.valueOf(e.getMessage())));
            return;
        }
        boolean settingsChanged = false;
        ControlRequest lastSet = null;
        for (ControlRequest r : earlier) {
            applied.add(r.id());
            if (r.kind() == ControlRequest.Kind.SET) {
                settingsChanged |= adopt(r);
                lastSet = r;
                if (r.honouredAt() == null) {
                    honour(r, settingsText());
                }
            } else if (r.honouredAt() == null && r.kind() == ControlRequest.Kind.RESUME) {
                honour(r, "resumed from its last checkpoint");
            } else if (r.honouredAt() == null && r.at().isBefore(since)) {
                honour(r, "superseded: asked before the worker that resumed the run started");
            } else if (r.honouredAt() == null) {
                act(r, 0); // asked while this process was starting: honoured now
            }
        }
        if (settingsChanged) {
            listener.on(new RunEvent.SettingsChanged(Instant.now(), runId, batchSize, rate,
                    lastSet.operator() + "@" + lastSet.host()));
        }
    }

    /** Acts on the run's new requests, if {@link #POLL_EVERY} has passed since the last look. */
    public synchronized void poll(long afterBatch) {
        if (runId == null || System.nanoTime() - lastPoll < POLL_EVERY.toNanos() && lastPoll != 0) {
            return;
        }
        lastPoll = System.nanoTime();
        List<ControlRequest> requests;
        try {
            requests = journal.requests().ofRuns(List.of(runId));
        } catch (RuntimeException e) { // the database is away: the run's own writes will say so
            LOG.debug("could not read requests to run {}: {}", runId, Secrets.redact(String.valueOf(e.getMessage())));
            return;
        }
        for (ControlRequest r : requests) {
            if (applied.add(r.id())) {
                act(r, afterBatch);
            }
        }
    }

    /** A request made while this process works on the run: every worker of the run acts on it. */
    private void act(ControlRequest r, long afterBatch) {
        String who = r.operator() + " on " + r.host() + " (asked at " + CLOCK.format(r.at()) + ")";
        String outcome = switch (r.kind()) {
            case PAUSE -> {
                control.pause("paused by " + who);
                yield "paused after batch " + afterBatch;
            }
            case CANCEL -> {
                control.cancel("cancelled by " + who);
                yield "cancelled after batch " + afterBatch;
            }
            case RESUME -> "the run was working already (batch " + afterBatch + ")";
            case SET -> {
                adopt(r);
                listener.on(new RunEvent.SettingsChanged(Instant.now(), runId, batchSize, rate,
                        r.operator() + "@" + r.host()));
                yield settingsText();
            }
        };
        LOG.info("run {}: {} requested by {}: {}", runId, r.kind().name().toLowerCase(), who, outcome);
        honour(r, outcome);
    }

    private void honour(ControlRequest r, String outcome) {
        try {
            journal.requests().honour(r.id(), Instant.now(), me, outcome);
        } catch (RuntimeException e) {
            LOG.debug("could not mark request {} honoured: {}", r.id(), Secrets.redact(String.valueOf(e.getMessage())));
        }
    }

    /** Takes a request's settings; true when they changed anything. */
    private boolean adopt(ControlRequest r) {
        boolean changed = false;
        if (r.batchSize() != null && r.batchSize() > 0 && r.batchSize() != batchSize) {
            batchSize = r.batchSize();
            resize.accept(batchSize);
            changed = true;
        }
        if (r.rate() != null && Math.max(0, r.rate()) != rate) {
            rate = Math.max(0, r.rate());
            windowStart = 0;
            changed = true;
        }
        return changed;
    }

    private String settingsText() {
        return "batch size " + HumanFormat.count(batchSize) + " from the next batch read, "
                + (rate > 0 ? "rate limit " + HumanFormat.count(Math.round(rate)) + " records/s" : "no rate limit");
    }

    /**
     * After a batch of {@code records}: waits as long as the rate limit asks (looking at requests meanwhile, so a
     * pause or a new rate is not held up by the wait).
     */
    public void throttle(long records, long afterBatch) {
        if (rate <= 0) {
            windowStart = 0;
            return;
        }
        long now = System.nanoTime();
        if (windowStart == 0) {
            windowStart = now;
            windowRecords = 0;
        }
        windowRecords += records;
        while (rate > 0 && control.requested() == RunControl.Request.NONE) {
            long due = windowStart + (long) (windowRecords / rate * 1e9);
            long wait = due - System.nanoTime();
            if (wait <= 0) {
                return;
            }
            control.sleep(Duration.ofNanos(Math.min(wait, POLL_EVERY.toNanos())));
            poll(afterBatch);
        }
    }
}
