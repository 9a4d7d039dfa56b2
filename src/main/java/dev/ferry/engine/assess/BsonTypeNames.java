package dev.ferry.engine.assess;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.BsonBinarySubType;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** The BSON type name of a decoded value, as mongosh's {@code $type} spells it (string, int, objectId, …). */
final class BsonTypeNames {

    private BsonTypeNames() {
    }

    static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Integer) {
            return "int";
        }
        if (value instanceof Long) {
            return "long";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Date) {
            return "date";
        }
        if (value instanceof ObjectId) {
            return "objectId";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof UUID) {
            return "binData(uuid)";
        }
        if (value instanceof Binary b) {
            return BsonBinarySubType.isUuid(b.getType()) ? "binData(uuid)" : "binData";
        }
        if (value instanceof Decimal128) {
            return "decimal";
        }
        return switch (value.getClass().getSimpleName()) {
            case "BsonTimestamp" -> "timestamp";
            case "Code", "CodeWithScope" -> "javascript";
            case "MinKey" -> "minKey";
            case "MaxKey" -> "maxKey";
            case "BsonRegularExpression" -> "regex";
            case "Symbol" -> "symbol";
            default -> value.getClass().getSimpleName();
        };
    }
}
