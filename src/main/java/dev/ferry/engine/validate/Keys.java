package dev.ferry.engine.validate;

import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Source keys as people read and export them, and read from a record by (dotted) path. */
public final class Keys {

    private Keys() {
    }

    /** An ObjectId as its 24 hex digits, anything else by its own {@code toString}. */
    public static String render(Object key) {
        if (key instanceof ObjectId id) {
            return id.toHexString();
        }
        return String.valueOf(key);
    }

    /** The value at a dotted path ({@code meta.id}), or null when any step is missing. */
    public static Object valueAt(Document record, String path) {
        Object value = record;
        for (String step : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(step);
        }
        return value;
    }
}
