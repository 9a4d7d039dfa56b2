package dev.ferry.expr;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** Argument checks shared by the library's functions: each returns the argument as the type wanted, or refuses it. */
final class Args {

    private Args() {
    }

    static String text(String function, int index, Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw refused(function, index, value, "should be text"
                + (value instanceof Number || value instanceof Date ? " (make it text first: concat(x))" : ""));
    }

    static Number number(String function, int index, Object value) {
        if (value instanceof Number n && !(value instanceof Decimal128 d && (d.isNaN() || d.isInfinite()))) {
            if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
                throw refused(function, index, value, "should be a finite number");
            }
            return n;
        }
        throw refused(function, index, value, "should be a number"
                + (value instanceof String ? " (numeric text: decimal(x) makes it one)" : ""));
    }

    static int whole(String function, int index, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long n = ((Number) value).longValue();
            if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        } else if (value instanceof Number n && !(value instanceof Decimal128 d && (d.isNaN() || d.isInfinite()))) {
            BigDecimal decimal = decimal(n);
            if (decimal != null && decimal.stripTrailingZeros().scale() <= 0
                    && decimal.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                return decimal.intValue();
            }
        }
        throw refused(function, index, value, "should be a whole number");
    }

    static Date date(String function, int index, Object value) {
        if (value instanceof Date d) {
            return d;
        }
        throw refused(function, index, value, "should be a date"
                + (value instanceof String ? " (text: parse_date(x, pattern) reads it)" : ""));
    }

    static List<?> array(String function, int index, Object value) {
        List<?> list = asList(value);
        if (list != null) {
            return list;
        }
        throw refused(function, index, value, "should be an array");
    }

    static Map<?, ?> map(String function, int index, Object value) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw refused(function, index, value, "should be a document");
    }

    /** Text for a value that has one: text, numbers in plain digits, booleans, dates (ISO-8601), ids. */
    static String scalarText(String function, int index, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n) {
            BigDecimal decimal = decimal(n);
            if (decimal == null) {
                return String.valueOf(n);
            }
            BigDecimal plain = decimal.stripTrailingZeros();
            return plain.scale() < 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
        }
        if (value instanceof Boolean || value instanceof UUID) {
            return value.toString();
        }
        if (value instanceof ObjectId id) {
            return id.toHexString();
        }
        if (value instanceof Date d) {
            return d.toInstant().toString();
        }
        throw refused(function, index, value, "should be text, a number, a date or a boolean");
    }

    /** The value must not be null (arguments after the first: null there is a mistake, not missing data). */
    static Object given(String function, int index, Object value) {
        if (value == null) {
            throw refused(function, index, null, "is null");
        }
        return value;
    }

    /** A list, or a JEXL array literal ({@code [1, 2]} is a Java array) as one; null for anything else. */
    static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value != null && value.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(value);
            List<Object> list = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(plain(java.lang.reflect.Array.get(value, i)));
            }
            return list;
        }
        return null;
    }

    /** Arrays inside a value as lists, so that what an expression builds can be stored. */
    static Object plain(Object value) {
        List<?> list = value != null && value.getClass().isArray() ? asList(value) : null;
        return list == null ? value : list;
    }

    static ArgumentRefused refused(String function, int index, Object value, String reason) {
        return new ArgumentRefused(function, index, value, reason);
    }

    /** The exact decimal of a finite number; null for NaN and infinities. */
    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Decimal128 d) {
            if (d.isNaN() || d.isInfinite()) {
                return null;
            }
            try {
                return d.bigDecimalValue();
            } catch (ArithmeticException negativeZero) { // BigDecimal has no -0
                return BigDecimal.ZERO;
            }
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (n instanceof java.math.BigInteger b) {
            return new BigDecimal(b);
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
