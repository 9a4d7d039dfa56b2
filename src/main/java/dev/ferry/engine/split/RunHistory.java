package dev.ferry.engine.split;

import dev.ferry.engine.AuditEntry;
import dev.ferry.format.HumanFormat;
import dev.ferry.engine.RunState;
import dev.ferry.engine.WorkerStatus;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.engine.split.live.EventCodec;
import dev.ferry.engine.split.live.RunAudit;
import dev.ferry.engine.split.live.WorkerStatuses;
import java.time.Instant;
import java.util.Map;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.ValidationVerdict;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.LeaseRecord;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.store.journal.VerdictRecord;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs as the journal records them, with their effective state: a run journalled as running whose process holds
 * no live lease any more died, and shows as interrupted (never "running" forever).
 */
final class RunHistory {

    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);

    private final Journal journal;

    RunHistory(Journal journal) {
        this.journal = journal;
    }

    /** Runs with their latest worker and their audit trail. */
    List<RunSummary> list(String plan, int limit) {
        List<RunRecord> runs = journal.runs().newestFirst(plan, limit);
        Map<String, List<AuditEntry>> audit = RunAudit.of(journal, runs);
        return runs.stream().map(r -> summary(r, audit.getOrDefault(r.runId(), List.of()))).toList();
    }

    /**
     * The plan's latest run, the one a validation is about (its quarantine is the one the checks take). A journal that
     * cannot be read gives none, with a warning: the checks still run and each says what it could check.
     */
    Optional<String> latestRunId(String plan) {
        try {
            return journal.runs().latest(plan).map(RunRecord::runId);
        } catch (RuntimeException e) {
            LOG.warn("could not read the latest run of {} from {} ({}); this validation's verdict will not be"
                    + " recorded", plan, journal.runs().place(), journal.location(), e);
            return Optional.empty();
        }
    }

    /**
     * Journals {@code verdict} on the run {@code runId}. A journal Ferry cannot write (a read-only user) loses the
     * verdict, not the validation: the report is still returned, and the warning says what to grant.
     */
    void recordValidation(String runId, ValidationVerdict verdict) {
        try {
            journal.runs().recordVerdict(runId, new VerdictRecord(verdict.at(), verdict.passed(),
                    verdict.mismatched(), verdict.cannotCheck(), verdict.summary()));
            journal.runs().find(runId).ifPresent(run -> journal.events().append(List.of(EventCodec.validated(runId,
                    run.plan(), verdict.at(), verdict.summary(), Identity.current()))));
        } catch (RuntimeException e) { // a database error, or a client closed meanwhile
            LOG.warn("could not record the validation verdict ({}) on run {} in {} ({}); grant the user write access"
                    + " to it to keep verdicts in History", verdict.summary(), runId, journal.runs().place(),
                    journal.location(), e);
        }
    }

    RunSummary summary(RunRecord run) {
        return summary(run, List.of());
    }

    private RunSummary summary(RunRecord run, List<AuditEntry> audit) {
        RunState state = RunState.valueOf(run.state());
        Optional<LeaseRecord> lease = journal.leases().holder(run.plan()).filter(l -> run.runId().equals(l.runId()));
        String message = run.message();
        WorkerStatus worker = workerOf(run.runId());
        if (state == RunState.RUNNING && worker != null && worker.gone()) {
            state = RunState.INTERRUPTED;
            message = "its worker (pid " + worker.pid() + " on " + worker.host() + ") has not been heard from since "
                    + HumanFormat.time(worker.heartbeatAt()) + "; resume it to continue from the last checkpoint"
                    + " (a new worker waits until the old one's lease expires), or roll it back";
        } else if (state == RunState.RUNNING && lease.isEmpty()) {
            state = RunState.INTERRUPTED;
            message = "its process stopped without finishing (no live lease); run the plan again to resume from"
                    + " the last checkpoint, or roll it back";
        } else if (state == RunState.ROLLING_BACK && lease.isEmpty()) {
            message = "the rollback was interrupted (no live lease); run the rollback again to finish it";
        }
        VerdictRecord v = run.verdict();
        return new RunSummary(run.runId(), run.plan(), run.planHash(), state, run.operator(), run.host(),
                run.startedAt(), run.endedAt(), run.checkpoint().processed(), run.checkpoint().total(),
                run.checkpoint().quarantined(), run.checkpoint().written(), lease.map(LeaseRecord::owner).orElse(null),
                message, v == null ? null : new ValidationVerdict(v.at(), v.passed(), v.mismatched(), v.cannotCheck(),
                v.summary()), worker, audit, partitionsOf(run.runId()));
    }

    private List<dev.ferry.engine.PartitionStatus> partitionsOf(String runId) {
        try {
            return dev.ferry.engine.split.live.PartitionStatuses.of(journal, runId);
        } catch (RuntimeException e) {
            LOG.debug("could not read the partitions of run {}", runId, e);
            return List.of();
        }
    }

    /** The run's latest worker; none when the journal cannot say (one from before Ferry kept workers). */
    private WorkerStatus workerOf(String runId) {
        try {
            return WorkerStatuses.latest(journal.workers().ofRun(runId), Instant.now()).orElse(null);
        } catch (RuntimeException e) {
            LOG.debug("could not read the workers of run {}", runId, e);
            return null;
        }
    }
}
