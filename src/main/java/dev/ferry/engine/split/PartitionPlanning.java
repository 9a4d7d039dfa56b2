package dev.ferry.engine.split;

import dev.ferry.FerryException;
import dev.ferry.engine.RunState;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.engine.runtime.RunIds;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.SourceReader;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.PartitionRecord;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.store.journal.RunSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a partitioned run under the plan's lease: continues the plan's unfinished partitioned run with its recorded
 * ranges, or starts one — samples the source's keys, cuts them into ranges ({@link SplitPoints}) and records the
 * ranges before the run, so that a run is never journalled without its ranges.
 */
final class PartitionPlanning {

    /** Keys sampled per partition to place its bounds. */
    static final int SAMPLE_PER_PARTITION = 200;

    record Opened(String runId, List<PartitionRecord> ranges, boolean resumed, long total, long priorElapsedMs) { }

    private final PlanStores stores;
    private final PlanStores.Writers writers;
    private final Plan plan;
    private final Journal journal;

    PartitionPlanning(PlanStores stores, PlanStores.Writers writers, Plan plan) {
        this.stores = stores;
        this.writers = writers;
        this.plan = plan;
        this.journal = stores.journal();
    }

    Opened open(String owner, Identity me, int partitions) {
        journal.prepare();
        try (SourceReader reader = stores.reader(plan, null, 1)) {
            reader.refuseUnpageableKeys();
            journal.runs().newestFirst(plan.name(), 1000).stream()
                    .filter(r -> RunState.valueOf(r.state()) == RunState.ROLLING_BACK).findFirst()
                    .ifPresent(r -> {
                        throw new FerryException("The rollback of run " + r.runId() + " of " + plan.name()
                                + " did not finish. Finish it first (ferry rollback --plan …), then run the plan again.");
                    });
            long total = reader.count();
            Optional<RunRecord> unfinished = journal.runs().latest(plan.name())
                    .filter(r -> RunState.valueOf(r.state()).resumable());
            if (unfinished.isPresent()) {
                RunRecord run = unfinished.get();
                if (!plan.hash().equals(run.planHash())) {
                    throw new FerryException("The unfinished run " + run.runId() + " of " + plan.name()
                            + " was made with another version of the plan (hash " + run.planHash() + ", now "
                            + plan.hash() + "). Restore that plan file to resume it, or roll the run back first"
                            + " (ferry rollback --run " + run.runId() + ").");
                }
                if (journal.partitions().of(run.runId()).isEmpty()) {
                    throw new FerryException("The unfinished run " + run.runId() + " of " + plan.name() + " started"
                            + " in one piece: resume it so (ferry run without --partition), or roll it back first.");
                }
                journal.runs().resume(run.runId(), owner, "resumed by " + me.operator() + " on " + me.host()
                        + " in " + journal.partitions().of(run.runId()).size() + " partitions");
                return new Opened(run.runId(), journal.partitions().of(run.runId()), true, total,
                        run.checkpoint().elapsedMs());
            }
            String runId = RunIds.newRunId();
            List<Object> bounds = SplitPoints.cut(reader.sampleKeys(SAMPLE_PER_PARTITION * partitions), partitions);
            List<PartitionRecord> ranges = new ArrayList<>();
            for (int i = 0; i <= bounds.size(); i++) {
                ranges.add(PartitionRecord.pending(runId, i, bounds.size() + 1, i == 0 ? null : bounds.get(i - 1),
                        i == bounds.size() ? null : bounds.get(i)));
            }
            journal.partitions().plan(ranges);
            journal.runs().insert(newRun(runId, owner, me));
            return new Opened(runId, journal.partitions().of(runId), false, total, 0);
        }
    }

    private RunRecord newRun(String runId, String owner, Identity me) {
        List<String> targets = plan.targets().stream().map(TargetSpec::collection).toList();
        Map<String, DocumentChecksum.Sum> preRun = new LinkedHashMap<>();
        for (String t : targets) {
            preRun.put(t, writers.get(t).checksum());
        }
        RunSource source = new RunSource(plan.source().collection(), plan.source().filter(), plan.source().key(),
                plan.source().store().name().toLowerCase());
        return RunRecord.started(runId, plan.name(), plan.hash(), owner, me.operator(), me.host(),
                journal.databaseName(), source, targets, plan.batch().size(), preRun,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
