package dev.ferry.transform;

import dev.ferry.plan.ConvertType;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;

/**
 * The conversions behind {@code convert}. Each throws {@link IllegalArgumentException} with the reason a value
 * does not convert; values are never guessed at (no braces around UUIDs, no "yes" for true).
 */
final class ValueConversions {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ValueConversions() {
    }

    static Object convert(ConvertType type, Object value) {
        return switch (type) {
            case UUID -> uuid(value);
            case STRING -> string(value);
            case DATE -> DateConversion.toDate(value);
            case NUMBER -> NumberConversion.toNumber(value);
            case INT -> NumberConversion.toInt(value);
            case LONG -> NumberConversion.toLong(value);
            case DOUBLE -> NumberConversion.toDouble(value);
            case BOOLEAN -> bool(value);
        };
    }

    static UUID uuid(Object value) {
        if (value instanceof UUID uuid) {
            return uuid;
        }
        if (value instanceof String text && UUID_TEXT.matcher(text).matches()) {
            return UUID.fromString(text.toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("expected a UUID as 8-4-4-4-12 hex digits, e.g. "
                + "123e4567-e89b-12d3-a456-426614174000, without braces or spaces");
    }

    static String string(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof ObjectId id) {
            return id.toHexString();
        }
        if (value instanceof UUID || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Number number) {
            // Plain digits: 1e20 reads as 100000000000000000000, 3.0 as 3.
            BigDecimal decimal = NumberConversion.decimal(number).stripTrailingZeros();
            return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            throw new IllegalArgumentException("documents and arrays have no single text form");
        }
        throw new IllegalArgumentException("no text form for " + ValueText.kind(value));
    }

    static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        if (value instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return n.doubleValue() == 1;
        }
        throw new IllegalArgumentException("expected true/false (or the numbers 1/0)");
    }
}
