package dev.ferry.engine;

/**
 * What became of a request to a run: recorded in the journal for its worker to honour at the next batch, or refused
 * with the reason and what to do (a run whose worker is gone cannot pause: resume it instead).
 *
 * @param accepted true when the request was recorded
 * @param runId    the run it is for (null when the plan has no run)
 * @param worker   the run's latest worker, or null when none is known
 * @param resumable true when resuming is what the operator should do next (the worker is gone, the run paused)
 */
public record RequestOutcome(boolean accepted, String runId, String message, WorkerStatus worker,
                             boolean resumable) {
}
