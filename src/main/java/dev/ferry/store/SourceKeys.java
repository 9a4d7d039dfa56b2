package dev.ferry.store;

import java.math.BigDecimal;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Record keys: read from a record by (dotted) path, compared the way the database compares them, and rendered
 * the way people read and export them.
 */
public final class SourceKeys {

    private SourceKeys() {
    }

    /** The value at a dotted path ({@code meta.id}), or null when any step is missing. */
    public static Object valueAt(Document record, String path) {
        if (path.indexOf('.') < 0) {
            return record.get(path);
        }
        Object value = record;
        for (String step : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(step);
        }
        return value;
    }

    /**
     * A value equal for keys the database holds equal: {@code 5}, {@code 5L} and {@code 5.0} are one {@code _id} to
     * MongoDB, but three different keys to a Java map.
     */
    public static Object identity(Object key) {
        if (key instanceof Integer || key instanceof Long || key instanceof Short || key instanceof Byte) {
            return BigDecimal.valueOf(((Number) key).longValue());
        }
        if (key instanceof Double d && !d.isNaN() && !d.isInfinite()) {
            return BigDecimal.valueOf(d).stripTrailingZeros();
        }
        if (key instanceof Decimal128 d && d.isFinite()) {
            return d.bigDecimalValue().stripTrailingZeros();
        }
        if (key instanceof BigDecimal d) {
            return d.stripTrailingZeros();
        }
        return key;
    }

    /**
     * {@link #identity} as a value a database can store and compare exactly (numbers as decimal128, inside
     * sub-documents and arrays too): the same for keys the database holds equal, whatever their numeric types.
     */
    public static Object storableIdentity(Object key) {
        Object id = identity(key);
        if (id instanceof BigDecimal d) {
            return new Decimal128(d);
        }
        if (key instanceof Map<?, ?> map) {
            Document out = new Document();
            map.forEach((k, v) -> out.put(String.valueOf(k), storableIdentity(v)));
            return out;
        }
        if (key instanceof java.util.List<?> list) {
            return list.stream().map(SourceKeys::storableIdentity).toList();
        }
        return id;
    }

    /**
     * The canonical text of a key, the stable seed of generated UUIDs: ObjectIds as hex, documents as JSON, other
     * values as their text; null when the record has no key.
     */
    public static String canonical(Object key) {
        if (key == null) {
            return null;
        }
        if (key instanceof ObjectId id) {
            return id.toHexString();
        }
        if (key instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            return new Document(fields).toJson();
        }
        return key.toString();
    }

    /** The comparison bracket of a key's type: MongoDB's range queries match only keys of the same bracket. */
    public static String bracket(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof Number || key instanceof Decimal128) {
            return "number";
        }
        if (key instanceof Map<?, ?>) {
            return "document";
        }
        if (key instanceof java.util.List<?>) {
            return "array";
        }
        if (key instanceof java.util.Date) {
            return "date";
        }
        if (key instanceof ObjectId) {
            return "objectId";
        }
        if (key instanceof String) {
            return "string";
        }
        return key.getClass().getSimpleName();
    }

    /** An ObjectId as its 24 hex digits, anything else by its own {@code toString}. */
    public static String render(Object key) {
        if (key instanceof ObjectId id) {
            return id.toHexString();
        }
        return String.valueOf(key);
    }
}
