package dev.ferry.engine.set.mongo;

import java.util.Map;
import org.bson.Document;

/** Values shown in an operation's description: strings quoted, documents as JSON, null as null. */
final class Values {

    private Values() {
    }

    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Document doc = new Document((Map<String, Object>) map);
            return doc.toJson();
        }
        return String.valueOf(value);
    }
}
