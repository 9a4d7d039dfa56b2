package dev.ferry.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Deep copies of documents and lists, so a target document never shares a mutable part with its source record
 * or with a plan constant (a writer or a preview that edits one must not change the other).
 */
final class ValueCopy {

    private ValueCopy() {
    }

    static Object of(Object value) {
        if (value instanceof Map<?, ?> map) {
            Document copy = new Document();
            map.forEach((k, v) -> copy.put(String.valueOf(k), of(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(of(v)));
            return copy;
        }
        if (value instanceof java.util.Date date) {
            return new java.util.Date(date.getTime());
        }
        return value;
    }
}
