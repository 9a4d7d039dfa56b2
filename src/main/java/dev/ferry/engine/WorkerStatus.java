package dev.ferry.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * A process that works (or worked) on a run: where it runs, where its log is, when it was last heard from.
 *
 * @param verb     {@code run}, {@code validate} or {@code rollback}
 * @param log      its log file on {@code host}; null when unknown
 * @param endedAt  when it finished; null while it works, or when it died without saying so
 * @param outcome  how it ended, in words; empty while it works
 * @param alive    it has not ended and was heard from within {@link #GONE_AFTER}
 */
public record WorkerStatus(String verb, String host, long pid, String operator, String log, Instant startedAt,
                           Instant heartbeatAt, Instant endedAt, String outcome, boolean alive) {

    /** A worker not heard from for this long is gone (it beats every {@link #BEAT}). */
    public static final Duration GONE_AFTER = Duration.ofSeconds(Long.getLong("ferry.worker.gone.seconds", 15));

    /** How often a worker says it is alive. */
    public static final Duration BEAT = Duration.ofMillis(Long.getLong("ferry.worker.beat.ms", 2000));

    /** Gone: not ended, and silent for longer than {@link #GONE_AFTER}. */
    public boolean gone() {
        return endedAt == null && !alive;
    }
}
