package dev.ferry.engine.postgres;

import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL operations report each batch's rows per table; front ends read {@link RunEvent.BatchDone#written}
 * as totals so far (as a MongoDB run reports it). This listener turns the one into the other for one attempt.
 */
final class RunningTotals implements RunListener {

    private final RunListener next;
    private final Map<String, Long> totals = new LinkedHashMap<>();

    RunningTotals(RunListener next) {
        this.next = next;
    }

    @Override
    public synchronized void on(RunEvent event) {
        if (event instanceof RunEvent.BatchDone b) {
            b.written().forEach((table, rows) -> totals.merge(table, rows, Long::sum));
            next.on(new RunEvent.BatchDone(b.at(), b.runId(), b.batch(), b.processed(), b.total(), b.quarantined(),
                    totals, b.readPerSecond(), b.writtenPerSecond(), b.latency(), b.elapsed(), b.eta()));
        } else {
            next.on(event);
        }
    }
}
