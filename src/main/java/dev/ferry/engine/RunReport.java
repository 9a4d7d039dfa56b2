package dev.ferry.engine;

import java.time.Duration;
import java.util.Map;

/**
 * The outcome of {@code run}: how far it got and what it wrote.
 *
 * @param written    target collection to documents written (inserted + replaced)
 * @param resumed    true when the run continued an earlier, unfinished run of the same plan
 * @param message    why the run stopped when it did not complete (a guardrail, a cancel), else empty
 * @param quarantine where quarantined records are kept, with their reasons ({@code ferry_quarantine},
 *                   {@code ferry.quarantine}); empty for plans that quarantine nothing
 */
public record RunReport(String runId, String plan, RunState state, long processed, long total, long quarantined,
                        Map<String, Long> written, Duration elapsed, boolean resumed, String message,
                        String quarantine) {
    public RunReport {
        written = Map.copyOf(written);
        quarantine = quarantine == null ? "" : quarantine;
    }

    /** A run of a plan that quarantines nothing. */
    public RunReport(String runId, String plan, RunState state, long processed, long total, long quarantined,
                     Map<String, Long> written, Duration elapsed, boolean resumed, String message) {
        this(runId, plan, state, processed, total, quarantined, written, elapsed, resumed, message, "");
    }
}
