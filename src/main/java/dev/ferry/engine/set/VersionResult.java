package dev.ferry.engine.set;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one version's up or down ended.
 *
 * @param status  completed, rolled_back or failed (as the history now records it)
 * @param counts  what it changed, e.g. {@code updated: 2000, indexes_created: 5}; in the order they arose
 * @param error   why it failed, in words; null when it did not
 */
public record VersionResult(long version, String label, String description, String script, Direction direction,
                            String status, Duration duration, Map<String, Long> counts, String error) {

    public VersionResult {
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public boolean failed() {
        return error != null;
    }
}
