package dev.ferry.engine.split;

import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.ValidationVerdict;

import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.store.mongo.MongoStore;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs as the journal records them, with their effective state: a run journalled as running whose process holds
 * no live lease any more died, and shows as interrupted (never "running" forever).
 */
final class RunHistory {

    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);

    private final MongoStore store;
    private final MongoJournal journal;

    RunHistory(MongoStore store) {
        this.store = store;
        this.journal = new MongoJournal(store);
    }

    List<RunSummary> list(String plan, int limit) {
        return journal.runsNewestFirst(plan, limit).stream().map(this::summary).toList();
    }

    /**
     * The plan's latest run, the one a validation is about (its quarantine is the one the checks take). A journal that
     * cannot be read gives none, with a warning: the checks still run and each says what it could check.
     */
    Optional<String> latestRunId(String plan) {
        try {
            return journal.latestRun(plan).map(r -> r.getString("_id"));
        } catch (RuntimeException e) {
            LOG.warn("could not read the latest run of {} from {}.{}; this validation's verdict will not be recorded",
                    plan, store.databaseName(), MongoJournal.RUNS, e);
            return Optional.empty();
        }
    }

    /**
     * Journals {@code verdict} on the run {@code runId}. A journal Ferry cannot write (a read-only user) loses the
     * verdict, not the validation: the report is still returned, and the warning says what to grant.
     */
    void recordValidation(String runId, ValidationVerdict verdict) {
        try {
            journal.recordValidation(runId, new Document("at", Date.from(verdict.at()))
                    .append("passed", verdict.passed()).append("mismatched", verdict.mismatched())
                    .append("cannotCheck", verdict.cannotCheck()).append("summary", verdict.summary()));
        } catch (RuntimeException e) { // a MongoException, or a client closed meanwhile
            LOG.warn("could not record the validation verdict ({}) on run {} in {}.{}; grant the user write access to"
                    + " it to keep verdicts in History", verdict.summary(), runId, store.databaseName(),
                    MongoJournal.RUNS, e);
        }
    }

    RunSummary summary(Document run) {
        RunState state = RunState.valueOf(run.getString("state"));
        String plan = run.getString("plan");
        Optional<Document> lease = MongoLease.holder(store, plan)
                .filter(l -> run.getString("_id").equals(l.getString("runId")));
        String message = run.getString("message");
        if (state == RunState.RUNNING && lease.isEmpty()) {
            state = RunState.INTERRUPTED;
            message = "its process stopped without finishing (no live lease); run the plan again to resume from"
                    + " the last checkpoint, or roll it back";
        } else if (state == RunState.ROLLING_BACK && lease.isEmpty()) {
            message = "the rollback was interrupted (no live lease); run the rollback again to finish it";
        }
        Map<String, Long> written = new LinkedHashMap<>();
        Document w = run.get("written", Document.class);
        if (w != null) {
            w.forEach((t, n) -> written.put(t, ((Number) n).longValue()));
        }
        return new RunSummary(run.getString("_id"), plan, run.getString("planHash"), state,
                run.getString("operator"), run.getString("host"), instant(run, "startedAt"), instant(run, "endedAt"),
                number(run, "processed"), number(run, "total"), number(run, "quarantined"), written,
                lease.map(l -> l.getString("owner")).orElse(null), message == null ? "" : message,
                verdict(run.get("validation", Document.class)));
    }

    /** The run's journalled verdict; null when it was never validated (or validated before Ferry recorded it). */
    private static ValidationVerdict verdict(Document v) {
        if (v == null || v.getDate("at") == null) {
            return null;
        }
        return new ValidationVerdict(v.getDate("at").toInstant(), (int) number(v, "passed"),
                (int) number(v, "mismatched"), (int) number(v, "cannotCheck"), v.getString("summary"));
    }

    private static Instant instant(Document d, String field) {
        return d.getDate(field) == null ? null : d.getDate(field).toInstant();
    }

    private static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }
}
