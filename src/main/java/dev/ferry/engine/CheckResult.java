package dev.ferry.engine;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one validation check, with its evidence.
 *
 * @param method     how it checks: count, sample, predicate, checksum
 * @param checked    records checked; {@code total} the records it could have checked (coverage)
 * @param summary    one line a DBA reads ("10,523 source − 5 quarantined = 10,518 in dataset_metadata")
 * @param evidence   lines that show why (queries used, field-by-field differences)
 * @param failingKeys source keys that failed, at most a few thousand ({@code mismatched} counts them all)
 */
public record CheckResult(String name, String method, CheckStatus status, long checked, long total, long mismatched,
                          String summary, List<String> evidence, List<String> failingKeys, Duration took) {
    public CheckResult {
        evidence = List.copyOf(evidence);
        failingKeys = List.copyOf(failingKeys);
    }

    public enum CheckStatus {
        PASSED, FAILED,
        /** The check could not run (e.g. no such collection); not the same as failed. */
        COULD_NOT_CHECK
    }
}
