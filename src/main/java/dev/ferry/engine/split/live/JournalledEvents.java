package dev.ferry.engine.split.live;

import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.store.Secrets;
import dev.ferry.store.journal.EventRecord;
import dev.ferry.store.journal.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes a run's events on and journals them, so a console anywhere replays what this process saw: state changes,
 * guardrails, waits, settings, undo progress (at most twice a second), and the first {@link #QUARANTINED_PER_BATCH}
 * quarantined records of each batch (all of them are in the quarantine log). Batches are journalled as batch records
 * by the run itself. An event that cannot be written (its database is away) is kept and written with the next one;
 * the run never stops for it.
 */
public final class JournalledEvents implements RunListener {

    static final int QUARANTINED_PER_BATCH = 20;
    private static final Duration UNDO_EVERY = Duration.ofMillis(500);
    private static final int KEEP_AT_MOST = 500;
    private static final Logger LOG = LoggerFactory.getLogger(JournalledEvents.class);

    private final Journal journal;
    private final String plan;
    private final RunListener next;
    private final WorkerHeartbeat beat;
    private final Identity me = Identity.current();
    private final List<EventRecord> pending = new ArrayList<>();
    private int quarantinedThisBatch;
    private Instant lastUndo = Instant.EPOCH;
    private RunEvent.UndoProgress heldUndo;
    private boolean warned;

    /** @param beat this worker's heartbeat, told the run's id as soon as an event carries it (or null) */
    public JournalledEvents(Journal journal, String plan, RunListener next, WorkerHeartbeat beat) {
        this.journal = journal;
        this.plan = plan;
        this.next = next;
        this.beat = beat;
    }

    @Override
    public void on(RunEvent event) {
        next.on(event);
        synchronized (this) {
            if (beat != null) {
                beat.describe(EventCodec.runId(event));
            }
            if (event instanceof RunEvent.BatchDone) {
                quarantinedThisBatch = 0;
                flush();
                return;
            }
            if (event instanceof RunEvent.Quarantined && ++quarantinedThisBatch > QUARANTINED_PER_BATCH) {
                return;
            }
            if (event instanceof RunEvent.UndoProgress u && u.done() < u.total()
                    && Duration.between(lastUndo, u.at()).compareTo(UNDO_EVERY) < 0) {
                heldUndo = u;
                return;
            }
            if (event instanceof RunEvent.UndoProgress) {
                lastUndo = event.at();
                heldUndo = null;
            } else if (heldUndo != null) {
                keep(heldUndo);
                heldUndo = null;
            }
            keep(event);
            if (!(event instanceof RunEvent.Quarantined)) {
                flush();
            }
        }
    }

    private void keep(RunEvent event) {
        EventCodec.record(event, plan, me).ifPresent(r -> {
            if (pending.size() < KEEP_AT_MOST) {
                pending.add(r);
            }
        });
    }

    /** Writes what is kept; called at the end of the work too. */
    public synchronized void flush() {
        if (heldUndo != null) {
            keep(heldUndo);
            heldUndo = null;
        }
        if (pending.isEmpty()) {
            return;
        }
        try {
            journal.events().append(List.copyOf(pending));
            pending.clear();
            warned = false;
        } catch (RuntimeException e) {
            if (!warned) {
                LOG.warn("could not journal the run's events (kept, written with the next ones): {}",
                        Secrets.redact(String.valueOf(e.getMessage())));
                warned = true;
            }
        }
    }
}
