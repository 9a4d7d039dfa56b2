package dev.ferry.engine.split.live;

import dev.ferry.engine.Partition;
import dev.ferry.engine.RunEvent;
import dev.ferry.store.journal.BatchRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The batch records of a partitioned run read back as the run's {@link RunEvent.BatchDone}: each record carries its
 * range's own totals, the run's are the sum of every range's latest; its rates are those of the sum over the last
 * {@link #WINDOW} (ranges work at once, so one batch's own rate is a fraction of the run's).
 */
final class PartitionReplay {

    static final Duration WINDOW = Duration.ofSeconds(2);

    private final long runTotal;
    private final Map<Integer, BatchRecord> latest = new TreeMap<>();
    private final Deque<Point> recent = new ArrayDeque<>();
    private long elapsedMs;

    /** @param runTotal the run's records (its own checkpoint's total), -1 when unknown */
    PartitionReplay(long runTotal) {
        this.runTotal = runTotal;
    }

    RunEvent.BatchDone event(BatchRecord b) {
        latest.put((int) (b.batch() / Partition.BATCHES_PER_PARTITION), b);
        long processed = 0;
        long quarantined = 0;
        long batches = 0;
        long totals = 0;
        boolean totalsKnown = true;
        Map<String, Long> written = new LinkedHashMap<>();
        for (Map.Entry<Integer, BatchRecord> e : latest.entrySet()) {
            BatchRecord r = e.getValue();
            batches += r.batch() - e.getKey() * Partition.BATCHES_PER_PARTITION;
            processed += Math.max(0, r.run().processed());
            quarantined += Math.max(0, r.run().quarantined());
            totalsKnown &= r.run().total() >= 0;
            totals += Math.max(0, r.run().total());
            r.run().written().forEach((t, n) -> written.merge(t, n, Long::sum));
        }
        long total = runTotal >= 0 ? runTotal : totalsKnown ? totals : -1;
        long writtenSum = written.values().stream().mapToLong(Long::longValue).sum();
        elapsedMs = Math.max(elapsedMs, b.elapsedMs());
        recent.addLast(new Point(b.at(), processed, writtenSum));
        while (recent.size() > 2 && Duration.between(recent.peekFirst().at(), b.at()).compareTo(WINDOW) > 0) {
            recent.removeFirst();
        }
        Point first = recent.peekFirst();
        double seconds = Math.max(Duration.between(first.at(), b.at()).toMillis(), Math.max(b.millis(), 1)) / 1000.0;
        double readRate = recent.size() < 2 ? b.read() / seconds : (processed - first.processed()) / seconds;
        double writeRate = recent.size() < 2 ? b.written().values().stream().mapToLong(Long::longValue).sum() / seconds
                : (writtenSum - first.written()) / seconds;
        Duration eta = total < 0 || readRate <= 0 ? null
                : Duration.ofMillis((long) (Math.max(0, total - processed) / readRate * 1000));
        double busy = b.millis() <= 0 ? Double.NaN
                : Math.max(0, Math.min(1, 1 - (double) b.readWaitMillis() / b.millis()));
        return new RunEvent.BatchDone(b.at(), b.runId(), batches, processed, total, quarantined, written, readRate,
                writeRate, Duration.ofMillis(b.millis()), Duration.ofMillis(elapsedMs), eta, busy);
    }

    private record Point(Instant at, long processed, long written) { }
}
