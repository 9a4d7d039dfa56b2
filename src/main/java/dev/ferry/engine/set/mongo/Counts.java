package dev.ferry.engine.set.mongo;

import java.util.LinkedHashMap;
import java.util.Map;

/** Named counters of what a step changed, kept in the order they first arose. */
final class Counts {

    private final Map<String, Long> values = new LinkedHashMap<>();

    Counts add(String name, long n) {
        values.merge(name, n, Long::sum);
        return this;
    }

    Counts addAll(Map<String, Long> other) {
        other.forEach(this::add);
        return this;
    }

    Map<String, Long> asMap() {
        return new LinkedHashMap<>(values);
    }
}
