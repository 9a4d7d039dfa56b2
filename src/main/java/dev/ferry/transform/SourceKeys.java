package dev.ferry.transform;

import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;

/** The canonical text of a source key: the stable seed of generated UUIDs. */
final class SourceKeys {

    private SourceKeys() {
    }

    /** ObjectIds as hex, documents as JSON, other values as their text; null when the record has no key. */
    static String canonical(Object key) {
        if (key == null || key == FieldTransform.ABSENT) {
            return null;
        }
        if (key instanceof ObjectId id) {
            return id.toHexString();
        }
        if (key instanceof UUID || key instanceof String || key instanceof Number) {
            return key.toString();
        }
        if (key instanceof Map<?, ?> map) {
            return new Document(castKeys(map)).toJson();
        }
        return key.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castKeys(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
