package dev.ferry.transform;

import java.util.List;
import java.util.Map;

/** Reads a dotted path ({@code pii_report.confidence}, {@code data_schema.0.name}) out of nested documents. */
final class SourcePath {

    private SourcePath() {
    }

    /** The value, possibly null, or {@link FieldTransform#ABSENT} when any step of the path is missing. */
    static Object read(Map<String, Object> data, String path) {
        if (path.indexOf('.') < 0) { // most paths: one step, no array of parts to allocate per record
            Object value = data.get(path);
            return value != null || data.containsKey(path) ? value : FieldTransform.ABSENT;
        }
        Object current = data;
        for (String part : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                if (!map.containsKey(part)) {
                    return FieldTransform.ABSENT;
                }
                current = map.get(part);
            } else if (current instanceof List<?> list && isIndex(part) && Integer.parseInt(part) < list.size()) {
                current = list.get(Integer.parseInt(part));
            } else {
                return FieldTransform.ABSENT;
            }
        }
        return current;
    }

    private static boolean isIndex(String part) {
        return !part.isEmpty() && part.length() < 10 && part.chars().allMatch(Character::isDigit);
    }
}
