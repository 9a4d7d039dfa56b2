package dev.ferry.engine.split;

import dev.ferry.FerryException;
import dev.ferry.engine.LeaseHeldException;
import dev.ferry.engine.RepairReport;
import dev.ferry.engine.RepairReport.Item;
import dev.ferry.engine.RepairReport.Problem;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunState;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.engine.runtime.LeaseKeeper;
import dev.ferry.engine.split.TargetMismatches.Mismatch;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.Plan;
import dev.ferry.store.Secrets;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.Lease;
import dev.ferry.store.journal.RepairRecord;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.transform.RecordMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repair instead of rollback: the plan re-applied to exactly the source records whose targets validation would find
 * missing or different, as further batches of the plan's latest completed run (with undo entries, so a rollback still
 * undoes everything), then each checked again. A target someone else changed since the run wrote it is left alone
 * unless its key is asked for; so is one whose history cannot be told.
 */
final class Repair {

    private static final Logger LOG = LoggerFactory.getLogger(Repair.class);

    private final PlanStores stores;
    private final Plan plan;
    private final RecordMapper mapper;
    private final RunListener listener;
    private final Duration leaseTtl;
    private final Journal journal;

    Repair(PlanStores stores, Plan plan, RecordMapper mapper, RunListener listener, Duration leaseTtl) {
        this.stores = stores;
        this.plan = plan;
        this.mapper = mapper;
        this.listener = listener;
        this.leaseTtl = leaseTtl;
        this.journal = stores.journal();
    }

    RepairReport preview(List<String> keys) {
        Instant start = Instant.now();
        RunRecord run = completedRun();
        try (PlanStores.Writers writers = stores.writers(plan)) {
            RepairDecisions decisions = decide(run, keys, writers);
            return report(run, false, decisions, 0, 0, start);
        }
    }

    RepairReport execute(List<String> keys) {
        Instant start = Instant.now();
        RunRecord run = completedRun();
        Identity me = Identity.current();
        String owner = me.owner("repair-" + run.runId());
        Lease lease = journal.leases().lease(plan.name(), owner, leaseTtl);
        lease.tryAcquire(run.runId(), me.host(), me.operator()).ifPresent(holder -> {
            throw new LeaseHeldException(plan.name(), holder.owner(), holder.operator(), holder.host(),
                    holder.runId(), holder.heartbeatAt(), holder.expiresAt());
        });
        try (LeaseKeeper keeper = new LeaseKeeper(lease, new RunControl());
             PlanStores.Writers writers = stores.writers(plan)) {
            run = completedRun(); // again, under the lease: nobody changes it from here on
            RepairDecisions decisions = decide(run, keys, writers);
            List<RepairDecision> chosen = decisions.items().stream().filter(RepairDecision::repair).toList();
            long first = 0;
            long last = 0;
            if (!chosen.isEmpty()) {
                RepairWrites writes = new RepairWrites(journal, plan, run, owner, lease, writers);
                String note = "repairing " + HumanFormat.count(chosen.size()) + " targets, asked by " + me.operator()
                        + " on " + me.host();
                journal.runs().resume(run.runId(), owner, note);
                listener.on(new RunEvent.StateChanged(Instant.now(), run.runId(), RunState.RUNNING, note));
                try {
                    first = run.checkpoint().batch() + 1;
                    last = writes.write(chosen);
                } catch (RuntimeException e) {
                    throw new FerryException("The repair of run " + run.runId() + " of " + plan.name() + " stopped: "
                            + Secrets.redact(String.valueOf(e.getMessage())) + ". The run shows as interrupted: run"
                            + " the plan again (ferry run) to undo the unfinished repair batch and complete it, then"
                            + " repair again.", e);
                }
                decisions = decisions.rechecked(writers);
                String done = "repaired " + HumanFormat.count(chosen.size()) + " targets in batch"
                        + (first == last ? " " + first : "es " + first + "–" + last) + " (asked by " + me.operator()
                        + " on " + me.host() + "); " + HumanFormat.count(decisions.stillMismatched())
                        + " still differ";
                if (!journal.runs().changeState(run.runId(), owner, RunState.COMPLETED.name(), done, run.endedAt())) {
                    throw new dev.ferry.engine.runtime.LeaseLostException(plan.name(), run.runId());
                }
                listener.on(new RunEvent.StateChanged(Instant.now(), run.runId(), RunState.COMPLETED, done));
                LOG.info("run {} of {}: {}", run.runId(), plan.name(), done);
            }
            RepairReport report = report(run, true, decisions, first, last, start);
            keep(report, me, keys);
            return report;
        }
    }

    /** The run a repair adds to: the plan's latest run, completed (a stopped one is resumed, not repaired). */
    private RunRecord completedRun() {
        RunRecord run = journal.runs().latest(plan.name()).orElseThrow(() -> FerryException.usage("Plan "
                + plan.name() + " has no run in " + journal.databaseName() + ": there is nothing to repair. Run it."));
        RunState state = RunState.valueOf(run.state());
        if (state != RunState.COMPLETED) {
            throw new FerryException("The latest run of " + plan.name() + ", " + run.runId() + ", is "
                    + state.label() + ": only a completed run is repaired. " + (state.resumable()
                    ? "Run the plan again to finish it (ferry run), then validate." : state == RunState.ROLLED_BACK
                    ? "Run the plan again." : "Roll it back (ferry rollback) and run the plan again."));
        }
        return run;
    }

    private RepairDecisions decide(RunRecord run, List<String> keys, PlanStores.Writers writers) {
        Set<String> asked = new LinkedHashSet<>(keys);
        Set<Object> quarantined = new HashSet<>();
        journal.quarantine().keys(run.runId()).forEach(k -> quarantined.add(SourceKeys.identity(k)));
        TargetMismatches.Found found = new TargetMismatches(stores, plan, mapper).find(asked, quarantined, writers);
        WrittenByTheRun written = new WrittenByTheRun(journal.undo(), run.runId(), found.mismatches());
        List<RepairDecision> decisions = new ArrayList<>();
        Set<String> mismatchedKeys = new HashSet<>();
        for (Mismatch m : found.mismatches()) {
            mismatchedKeys.add(SourceKeys.render(m.sourceKey()));
            decisions.add(RepairDecision.of(m, !asked.isEmpty(), written.since(m, writers.get(m.target()))));
        }
        List<Item> others = new ArrayList<>();
        for (String key : asked) {
            if (found.unmatchedKeys().contains(key)) {
                others.add(new Item(key, "", Problem.NO_SOURCE_RECORD, "check the key as validation printed it", false,
                        null));
            } else if (!mismatchedKeys.contains(key)) {
                others.add(new Item(key, "", Problem.MATCHES, "nothing to repair", false, null));
            }
        }
        return new RepairDecisions(found.checked(), decisions, others);
    }

    private RepairReport report(RunRecord run, boolean applied, RepairDecisions decisions, long first, long last,
                                Instant start) {
        List<Item> items = new ArrayList<>(decisions.items().stream().map(RepairDecision::item).toList());
        items.addAll(decisions.others());
        return new RepairReport(run.runId(), plan.name(), journal.databaseName(), applied, decisions.checked(), items,
                first, last, Duration.between(start, Instant.now()));
    }

    /** Journals what the repair did, for the run's report; a journal that cannot take it loses only that. */
    private void keep(RepairReport r, Identity me, List<String> keys) {
        try {
            List<RepairRecord.RepairedRecord> records = r.items().stream().map(i -> new RepairRecord.RepairedRecord(
                    i.key(), i.target(), i.problem().words(), i.detail(), i.repair(),
                    Boolean.TRUE.equals(i.matchesNow()))).toList();
            journal.evidence().repaired(new RepairRecord(r.runId(), r.plan(), Instant.now(), me.operator(), me.host(),
                    r.firstBatch(), r.lastBatch(), records, keys, r.elapsed().toMillis()));
        } catch (RuntimeException e) {
            LOG.warn("could not journal the repair of run {}: {}", r.runId(),
                    Secrets.redact(String.valueOf(e.getMessage())));
        }
    }
}
