package dev.ferry.store.postgres;

import dev.ferry.plan.ConvertType;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.types.Binary;
import org.bson.types.Decimal128;

/**
 * The column type a created table gives the values a mapping produces (README, "Column types of created tables"):
 * one type per BSON type, whole numbers widened to the widest seen, numbers of mixed kinds to the exact one, and
 * values of unrelated types (or documents and arrays) to jsonb, which holds any of them.
 */
public final class ColumnTypes {
    /** What a column gets when no record had a value for it. */
    public static final String UNKNOWN = "text";

    private ColumnTypes() {
    }

    /** The type for one value, or null for a null value. */
    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof org.bson.types.ObjectId) {
            return "text";
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return "integer";
        }
        if (value instanceof Long) {
            return "bigint";
        }
        if (value instanceof Double || value instanceof Float) {
            return "double precision";
        }
        if (value instanceof Decimal128 || value instanceof BigDecimal) {
            return "numeric";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Date || value instanceof java.time.Instant) {
            return "timestamptz";
        }
        if (value instanceof UUID || value instanceof Binary b && b.getData().length == 16
                && (b.getType() == 3 || b.getType() == 4)) {
            return "uuid";
        }
        if (value instanceof Binary || value instanceof byte[]) {
            return "bytea";
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            return "jsonb";
        }
        return "text";
    }

    /** The type that holds values of both types: the wider number, or jsonb for unrelated ones. */
    public static String merge(String a, String b) {
        if (a == null || a.equals(b)) {
            return b;
        }
        if (b == null) {
            return a;
        }
        List<String> numbers = List.of("integer", "bigint", "double precision", "numeric");
        if (numbers.contains(a) && numbers.contains(b)) {
            return numbers.get(Math.max(numbers.indexOf(a), numbers.indexOf(b)));
        }
        return "jsonb";
    }

    /** The type a rule's {@code convert} gives its values. */
    public static String of(ConvertType convert) {
        return switch (convert) {
            case UUID -> "uuid";
            case STRING -> "text";
            case DATE -> "timestamptz";
            case NUMBER, DECIMAL -> "numeric";
            case INT -> "integer";
            case LONG -> "bigint";
            case DOUBLE -> "double precision";
            case BOOLEAN -> "boolean";
        };
    }
}
