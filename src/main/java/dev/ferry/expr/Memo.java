package dev.ferry.expr;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small bounded cache for what a function builds from a literal argument (a regex, a date pattern): built once,
 * not per record. Past its bound it stops caching rather than grow with computed arguments.
 */
final class Memo<K, V> {
    private static final int BOUND = 256;
    private final Map<K, V> values = new ConcurrentHashMap<>();
    private final Function<K, V> build;

    Memo(Function<K, V> build) {
        this.build = build;
    }

    V get(K key) {
        V value = values.get(key);
        if (value != null) {
            return value;
        }
        value = build.apply(key);
        if (values.size() < BOUND) {
            values.put(key, value);
        }
        return value;
    }
}
