package dev.ferry.store.journal;

import java.util.List;

/** One validation check as it came out: status, coverage, summary, evidence and failing keys (capped). */
public record CheckRecord(String name, String method, String status, long checked, long total, long mismatched,
                          String summary, List<String> evidence, List<String> failingKeys, long tookMs) {

    public CheckRecord {
        evidence = List.copyOf(evidence);
        failingKeys = List.copyOf(failingKeys);
    }
}
