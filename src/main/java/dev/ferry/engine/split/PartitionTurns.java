package dev.ferry.engine.split;

import dev.ferry.engine.Partition;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.runtime.LeaseLostException;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.PartitionRecord;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One worker thread's turns at a run's ranges: it takes the first range not done that no live worker holds, starting
 * from its own, works it, and looks again, until every range is done or the run is stopped. While the only ranges
 * left are held by others it waits a fraction of the lease time: a holder that died loses its lease and its range is
 * taken over.
 */
final class PartitionTurns {

    private final Journal journal;
    private final String runId;
    private final int count;
    private final Duration wait;

    PartitionTurns(Journal journal, String runId, int count, Duration leaseTtl) {
        this.journal = journal;
        this.runId = runId;
        this.count = count;
        this.wait = Duration.ofMillis(Math.max(100, leaseTtl.toMillis() / 4));
    }

    void take(int first, RunControl control, Function<Partition, PartitionWorker.Outcome> work) {
        while (control.requested() == RunControl.Request.NONE) {
            List<PartitionRecord> ranges = journal.partitions().of(runId);
            if (ranges.stream().allMatch(PartitionRecord::done)) {
                return;
            }
            boolean worked = false;
            for (int i = 0; i < count && !worked; i++) {
                PartitionRecord r = ranges.get((first + i) % count);
                if (r.done()) {
                    continue;
                }
                PartitionWorker.Outcome outcome;
                try {
                    outcome = work.apply(PartitionedRun.partition(r));
                } catch (LeaseLostException e) {
                    continue; // another worker took this range over: it is theirs now
                }
                if (outcome == PartitionWorker.Outcome.STOPPED) {
                    return;
                }
                worked = outcome == PartitionWorker.Outcome.DONE;
            }
            if (!worked) {
                control.sleep(wait);
            }
        }
    }
}
