package dev.ferry.engine;

import java.time.Duration;
import java.util.Map;

/**
 * The outcome of {@code run}: how far it got and what it wrote.
 *
 * @param written    target collection to documents written (inserted + replaced)
 * @param resumed    true when the run continued an earlier, unfinished run of the same plan
 * @param message    why the run stopped when it did not complete (a guardrail, a cancel), else empty
 */
public record RunReport(String runId, String plan, RunState state, long processed, long total, long quarantined,
                        Map<String, Long> written, Duration elapsed, boolean resumed, String message) {
    public RunReport {
        written = Map.copyOf(written);
    }
}
