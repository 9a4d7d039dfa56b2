package dev.ferry.engine.split.live;

import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunState;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.store.journal.EventRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;

/**
 * Run events as the journal keeps them and back: the same {@link RunEvent} a worker emitted is what a watcher
 * anywhere replays. Batches are not events here (they are batch records); a validation is an event of the audit
 * trail only.
 */
public final class EventCodec {

    public static final String STARTED = "started";
    public static final String STATE = "state";
    public static final String GUARDRAIL = "guardrail";
    public static final String WAITING = "waiting";
    public static final String QUARANTINED = "quarantined";
    public static final String UNDO = "undo";
    public static final String SETTINGS = "settings";
    public static final String VALIDATED = "validated";
    public static final String THROTTLED = "throttled";

    private EventCodec() {
    }

    /** The journal's record of {@code event}, or empty for events kept elsewhere (batches, in batch records). */
    public static Optional<EventRecord> record(RunEvent event, String plan, Identity me) {
        String type;
        Document data;
        if (event instanceof RunEvent.Started s) {
            type = STARTED;
            data = new Document("total", s.total()).append("alreadyProcessed", s.alreadyProcessed())
                    .append("resumed", s.resumed()).append("alreadyQuarantined", s.alreadyQuarantined());
        } else if (event instanceof RunEvent.StateChanged c) {
            type = STATE;
            data = new Document("state", c.state().name()).append("reason", c.reason());
        } else if (event instanceof RunEvent.GuardrailBreached g) {
            type = GUARDRAIL;
            data = new Document("guardrail", g.guardrail()).append("observed", g.observed()).append("limit", g.limit())
                    .append("action", g.action());
        } else if (event instanceof RunEvent.WaitingForDatabase w) {
            type = WAITING;
            data = new Document("attempt", w.attempt()).append("delayMs", w.delay().toMillis())
                    .append("reason", w.reason());
        } else if (event instanceof RunEvent.Quarantined q) {
            type = QUARANTINED;
            data = new Document("key", q.sourceKey()).append("reason", q.reason());
        } else if (event instanceof RunEvent.UndoProgress u) {
            type = UNDO;
            data = new Document("done", u.done()).append("total", u.total());
        } else if (event instanceof RunEvent.Throttled t) {
            type = THROTTLED;
            data = new Document("reason", t.reason()).append("delayMs", t.delay().toMillis());
        } else if (event instanceof RunEvent.SettingsChanged s) {
            type = SETTINGS;
            data = new Document("batchSize", s.batchSize()).append("rate", s.rate()).append("by", s.by());
        } else {
            return Optional.empty();
        }
        String runId = runId(event);
        if (runId == null) {
            return Optional.empty(); // waiting before the run was opened: no run to file it under
        }
        return Optional.of(new EventRecord(UUID.randomUUID().toString(), runId, plan, event.at(), type, data,
                me.operator(), me.host()));
    }

    /** The run event a journal record stands for, or empty for records of the audit trail only. */
    public static Optional<RunEvent> event(EventRecord r) {
        Document d = r.data();
        return Optional.ofNullable(switch (r.type()) {
            case STARTED -> new RunEvent.Started(r.at(), r.runId(), r.plan(), number(d, "total"),
                    number(d, "alreadyProcessed"), Boolean.TRUE.equals(d.getBoolean("resumed")),
                    number(d, "alreadyQuarantined"));
            case STATE -> new RunEvent.StateChanged(r.at(), r.runId(), RunState.valueOf(d.getString("state")),
                    d.getString("reason"));
            case GUARDRAIL -> new RunEvent.GuardrailBreached(r.at(), r.runId(), d.getString("guardrail"),
                    decimal(d, "observed"), decimal(d, "limit"), d.getString("action"));
            case WAITING -> new RunEvent.WaitingForDatabase(r.at(), r.runId(), (int) number(d, "attempt"),
                    Duration.ofMillis(number(d, "delayMs")), d.getString("reason"));
            case QUARANTINED -> new RunEvent.Quarantined(r.at(), r.runId(), d.getString("key"), d.getString("reason"));
            case UNDO -> new RunEvent.UndoProgress(r.at(), r.runId(), number(d, "done"), number(d, "total"));
            case THROTTLED -> new RunEvent.Throttled(r.at(), r.runId(), d.getString("reason"),
                    Duration.ofMillis(number(d, "delayMs")));
            case SETTINGS -> new RunEvent.SettingsChanged(r.at(), r.runId(), (int) number(d, "batchSize"),
                    decimal(d, "rate"), d.getString("by"));
            default -> null;
        });
    }

    /** A validation of a run, for its audit trail. */
    public static EventRecord validated(String runId, String plan, java.time.Instant at, String summary, Identity me) {
        return new EventRecord(UUID.randomUUID().toString(), runId, plan, at, VALIDATED,
                new Document("summary", summary), me.operator(), me.host());
    }

    static String runId(RunEvent event) {
        if (event instanceof RunEvent.Started s) {
            return s.runId();
        } else if (event instanceof RunEvent.StateChanged c) {
            return c.runId();
        } else if (event instanceof RunEvent.GuardrailBreached g) {
            return g.runId();
        } else if (event instanceof RunEvent.WaitingForDatabase w) {
            return w.runId();
        } else if (event instanceof RunEvent.Quarantined q) {
            return q.runId();
        } else if (event instanceof RunEvent.UndoProgress u) {
            return u.runId();
        } else if (event instanceof RunEvent.SettingsChanged s) {
            return s.runId();
        } else if (event instanceof RunEvent.Throttled t) {
            return t.runId();
        } else if (event instanceof RunEvent.BatchDone b) {
            return b.runId();
        } else if (event instanceof RunEvent.WorkerGone w) {
            return w.runId();
        }
        return null;
    }

    private static long number(Document d, String key) {
        return d.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private static double decimal(Document d, String key) {
        return d.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
