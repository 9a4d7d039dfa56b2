package dev.ferry.engine.split;

import dev.ferry.engine.RunEvent;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.journal.Checkpoint;
import dev.ferry.store.journal.PartitionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A partitioned run's figures: the sum of its ranges' latest checkpoints, as the run's own checkpoint (what status,
 * history and a resume read) and as the events the screens draw. Not thread-safe: its caller holds it.
 */
final class PartitionTotals {

    private final Map<Integer, Checkpoint> latest = new TreeMap<>();
    private final long total;
    private final long priorElapsedMs;
    private final List<String> targets;
    private final long sessionStart;

    PartitionTotals(List<PartitionRecord> ranges, long total, long priorElapsedMs, List<String> targets) {
        ranges.forEach(r -> latest.put(r.index(), r.checkpoint()));
        this.total = total;
        this.priorElapsedMs = priorElapsedMs;
        this.targets = targets;
        this.sessionStart = processed();
    }

    long processed() {
        return latest.values().stream().mapToLong(Checkpoint::processed).sum();
    }

    long quarantined() {
        return latest.values().stream().mapToLong(Checkpoint::quarantined).sum();
    }

    /** Takes a range's new checkpoint; the run's sum (without a last key: ranges stop at different places). */
    Checkpoint update(int index, Checkpoint checkpoint, Duration sessionElapsed) {
        latest.put(index, checkpoint);
        return sum(null, sessionElapsed);
    }

    /**
     * The run's checkpoint at its end. When every range is done its last key is the last range's that read a record,
     * so a rollback checks the source the run read as it does for a run in one piece.
     */
    Checkpoint final_(List<PartitionRecord> ranges, boolean done, Duration sessionElapsed) {
        ranges.forEach(r -> latest.put(r.index(), r.checkpoint()));
        Object lastKey = null;
        if (done) {
            for (PartitionRecord r : ranges) {
                lastKey = r.checkpoint().lastKey() != null ? r.checkpoint().lastKey() : lastKey;
            }
        }
        return sum(lastKey, sessionElapsed);
    }

    private Checkpoint sum(Object lastKey, Duration sessionElapsed) {
        Map<String, Long> written = new LinkedHashMap<>();
        targets.forEach(t -> written.put(t, 0L));
        DocumentChecksum.Sum source = DocumentChecksum.Sum.EMPTY;
        long batches = 0;
        for (Checkpoint c : latest.values()) {
            c.written().forEach((t, n) -> written.merge(t, n, Long::sum));
            source = source.plus(c.sourceSum());
            batches += c.batch();
        }
        return new Checkpoint(batches, lastKey, processed(), quarantined(), total, written, source,
                priorElapsedMs + sessionElapsed.toMillis());
    }

    /** The event of one range's batch, with the run's sums: what the charts and the progress line draw. */
    RunEvent.BatchDone event(String runId, PartitionWorker.Batch batch, Duration sessionElapsed) {
        Checkpoint sum = sum(null, sessionElapsed);
        double seconds = Math.max(batch.latency().toNanos() / 1e9, 1e-6);
        long writtenNow = batch.written().values().stream().mapToLong(Long::longValue).sum();
        double runRate = (sum.processed() - sessionStart) / Math.max(sessionElapsed.toNanos() / 1e9, 1e-6);
        Duration eta = runRate <= 0 ? null
                : Duration.ofMillis((long) (Math.max(0, total - sum.processed()) / runRate * 1000));
        double busy = batch.latency().isZero() ? Double.NaN
                : Math.max(0, Math.min(1, 1 - (double) batch.readWait().toNanos() / batch.latency().toNanos()));
        return new RunEvent.BatchDone(Instant.now(), runId, sum.batch(), sum.processed(), total, sum.quarantined(),
                sum.written(), runRate, writtenNow / seconds, batch.latency(), Duration.ofMillis(sum.elapsedMs()),
                eta, busy);
    }
}
