package dev.ferry.engine.split.live;

import dev.ferry.engine.RunEvent;
import dev.ferry.store.journal.BatchRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batch records read back as the {@link RunEvent.BatchDone} the run emitted for them: rates from the batch's own
 * figures, saturation from how long it waited for its reads, the estimate of time left from a smoothed rate as the
 * run computes it. Counters come from the record's run totals; records from before Ferry kept them are summed.
 */
final class BatchReplay {

    private double rate;
    private long processed;
    private long quarantined;
    private final Map<String, Long> written = new LinkedHashMap<>();

    RunEvent.BatchDone event(BatchRecord b) {
        double seconds = Math.max(b.millis(), 1) / 1000.0;
        double batchRate = b.read() / seconds;
        rate = rate == 0 ? batchRate : 0.7 * rate + 0.3 * batchRate;
        long writtenNow = b.written().values().stream().mapToLong(Long::longValue).sum();
        long total;
        Map<String, Long> writtenSoFar;
        if (b.run().known()) {
            processed = b.run().processed();
            quarantined = b.run().quarantined();
            total = b.run().total();
            writtenSoFar = b.run().written();
            written.clear();
            written.putAll(writtenSoFar);
        } else {
            processed += b.read();
            quarantined += b.quarantined();
            b.written().forEach((t, n) -> written.merge(t, n, Long::sum));
            total = -1;
            writtenSoFar = written;
        }
        Duration eta = total < 0 || rate <= 0 ? null
                : Duration.ofMillis((long) (Math.max(0, total - processed) / rate * 1000));
        double busy = b.millis() <= 0 ? Double.NaN
                : Math.max(0, Math.min(1, 1 - (double) b.readWaitMillis() / b.millis()));
        return new RunEvent.BatchDone(b.at(), b.runId(), b.batch(), processed, total, quarantined, writtenSoFar,
                batchRate, writtenNow / seconds, Duration.ofMillis(b.millis()), Duration.ofMillis(b.elapsedMs()),
                eta, busy);
    }
}
