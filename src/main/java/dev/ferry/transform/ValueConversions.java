package dev.ferry.transform;

import dev.ferry.expr.ValueText;
import dev.ferry.expr.DateFunctions;
import dev.ferry.plan.Conversion;
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
        return convert(Conversion.to(type), value);
    }

    static Object convert(Conversion conversion, Object value) {
        if (conversion.pattern() != null) {
            return withPattern(conversion, value);
        }
        return switch (conversion.type()) {
            case UUID -> uuid(value);
            case STRING -> string(value);
            case DATE -> conversion.zone() == null ? DateConversion.toDate(value)
                    : DateConversion.toDate(value, conversion.zone());
            case NUMBER -> NumberConversion.toNumber(value);
            case INT -> NumberConversion.toInt(value);
            case LONG -> NumberConversion.toLong(value);
            case DOUBLE -> NumberConversion.toDouble(value);
            case DECIMAL -> NumberConversion.toDecimal128(value);
            case BOOLEAN -> bool(value);
        };
    }

    /** Text to a date read with the pattern, or a date to text written with it (the binder allows no other). */
    private static Object withPattern(Conversion conversion, Object value) {
        try {
            if (conversion.type() == ConvertType.DATE) {
                if (value instanceof Date date) {
                    return date;
                }
                if (!(value instanceof String text)) {
                    throw new IllegalArgumentException("expected text to read with the pattern");
                }
                return DateFunctions.parse(text, conversion.pattern(), conversion.zone());
            }
            if (!(value instanceof Date date)) {
                throw new IllegalArgumentException("expected a date to write with the pattern");
            }
            return DateFunctions.format(date, conversion.pattern(), conversion.zone());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("does not match the pattern" + (e.getErrorIndex() >= 0
                    ? " at position " + e.getErrorIndex() : ""));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
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
