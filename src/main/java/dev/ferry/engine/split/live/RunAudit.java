package dev.ferry.engine.split.live;

import dev.ferry.engine.AuditEntry;
import dev.ferry.engine.RunState;
import dev.ferry.store.journal.ControlRequest;
import dev.ferry.store.journal.EventRecord;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.RunRecord;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The audit trail of runs, read in two queries for any number of them: who started, resumed, paused, steered,
 * validated and rolled back each run, from which host and when, and what came of each request.
 */
public final class RunAudit {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private RunAudit() {
    }

    /** Each run's trail, oldest first, by run id. A journal that cannot be read gives the runs' starts only. */
    public static Map<String, List<AuditEntry>> of(Journal journal, List<RunRecord> runs) {
        Map<String, List<AuditEntry>> trails = new HashMap<>();
        List<String> ids = runs.stream().map(RunRecord::runId).toList();
        for (RunRecord r : runs) {
            trails.computeIfAbsent(r.runId(), k -> new ArrayList<>()).add(new AuditEntry(r.startedAt(), "started",
                    r.operator(), r.host(), ""));
        }
        List<ControlRequest> requests;
        List<EventRecord> events;
        try {
            requests = journal.requests().ofRuns(ids);
            events = journal.events().ofRuns(ids, Set.of(EventCodec.STARTED, EventCodec.STATE, EventCodec.VALIDATED));
        } catch (RuntimeException e) {
            return trails;
        }
        for (ControlRequest q : requests) {
            String detail = q.honouredAt() == null ? "not honoured yet"
                    : "honoured at " + CLOCK.format(q.honouredAt()) + (q.outcome().isBlank() ? "" : ": " + q.outcome());
            trails.computeIfAbsent(q.runId(), k -> new ArrayList<>()).add(new AuditEntry(q.at(),
                    describe(q) + " requested", q.operator(), q.host(), detail));
        }
        Map<String, Boolean> rollingBack = new HashMap<>();
        for (EventRecord e : events) {
            AuditEntry entry = entry(e, rollingBack);
            if (entry != null) {
                trails.computeIfAbsent(e.runId(), k -> new ArrayList<>()).add(entry);
            }
        }
        trails.values().forEach(list -> list.sort(Comparator.comparing(AuditEntry::at)));
        return trails;
    }

    private static AuditEntry entry(EventRecord e, Map<String, Boolean> rollingBack) {
        return switch (e.type()) {
            case EventCodec.STARTED -> Boolean.TRUE.equals(e.data().getBoolean("resumed"))
                    ? new AuditEntry(e.at(), "resumed", e.operator(), e.host(), "") : null;
            case EventCodec.VALIDATED -> new AuditEntry(e.at(), "validated", e.operator(), e.host(),
                    e.data().getString("summary"));
            case EventCodec.STATE -> {
                RunState state = RunState.valueOf(e.data().getString("state"));
                if (state == RunState.RUNNING
                        || state == RunState.ROLLING_BACK && rollingBack.put(e.runId(), true) != null) {
                    yield null; // the run's own progress notes, and the rollback's second word on the same start
                }
                String what = state == RunState.ROLLING_BACK ? "rollback started" : state.label();
                yield new AuditEntry(e.at(), what, e.operator(), e.host(), e.data().getString("reason") == null
                        || state == RunState.ROLLING_BACK ? "" : e.data().getString("reason"));
            }
            default -> null;
        };
    }

    private static String describe(ControlRequest q) {
        if (q.kind() != ControlRequest.Kind.SET) {
            return q.kind().name().toLowerCase(Locale.ROOT);
        }
        List<String> parts = new ArrayList<>();
        if (q.batchSize() != null) {
            parts.add("batch size " + q.batchSize());
        }
        if (q.rate() != null) {
            parts.add(q.rate() <= 0 ? "no rate limit" : "rate limit " + Math.round(q.rate()) + "/s");
        }
        return "set " + String.join(", ", parts);
    }
}
