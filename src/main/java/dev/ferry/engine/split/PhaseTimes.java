package dev.ferry.engine.split;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * Wall time spent in each phase of a run (waiting for the read-ahead, existence lookups, undo log, target writes,
 * checkpoints), so that a slow run says where its time goes. Thread-safe: target writes run in parallel, and their
 * times add up.
 */
final class PhaseTimes implements dev.ferry.store.TargetWriter.Phases {

    private final Map<String, Long> nanos = new ConcurrentSkipListMap<>();

    /** Starts timing a phase; {@link Lap#close()} adds the elapsed time to it. */
    @Override
    public Lap time(String phase) {
        long t0 = System.nanoTime();
        return () -> nanos.merge(phase, System.nanoTime() - t0, Long::sum);
    }

    @Override
    public String toString() {
        return nanos.entrySet().stream()
                .map(e -> String.format("%s %.2f s", e.getKey(), e.getValue() / 1e9))
                .collect(Collectors.joining(", "));
    }

    @FunctionalInterface
    interface Lap extends dev.ferry.store.TargetWriter.Lap {
        @Override
        void close();
    }
}
