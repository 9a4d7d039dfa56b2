package dev.ferry.transform;

import java.math.BigDecimal;
import org.bson.types.Decimal128;

/**
 * Conversions to numbers: {@code number} (Long when whole, else Double), {@code int}, {@code long}, {@code double},
 * {@code decimal} (Decimal128).
 */
final class NumberConversion {

    private NumberConversion() {
    }

    static Number toNumber(Object value) {
        BigDecimal decimal = decimal(value);
        if (isWhole(decimal) && fitsLong(decimal)) {
            return decimal.longValueExact();
        }
        return decimal.doubleValue();
    }

    static Integer toInt(Object value) {
        BigDecimal decimal = whole(value);
        if (decimal.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                || decimal.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("out of the int range");
        }
        return decimal.intValueExact();
    }

    static Long toLong(Object value) {
        BigDecimal decimal = whole(value);
        if (!fitsLong(decimal)) {
            throw new IllegalArgumentException("out of the long range");
        }
        return decimal.longValueExact();
    }

    /** The exact decimal, as MongoDB keeps money; more than 34 digits does not fit and is refused, never rounded. */
    static Decimal128 toDecimal128(Object value) {
        if (value instanceof Decimal128 d) {
            return d;
        }
        BigDecimal decimal = decimal(value);
        if (decimal.precision() > 34) {
            throw new IllegalArgumentException("more than 34 digits, more than a decimal holds");
        }
        try {
            return new Decimal128(decimal);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("outside the range of a decimal");
        }
    }

    static Double toDouble(Object value) {
        return decimal(value).doubleValue();
    }

    /** The exact decimal value of a number or numeric text. */
    static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Decimal128 d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new IllegalArgumentException("not a finite number");
            }
            return d.bigDecimalValue();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("not a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number");
            }
        }
        throw new IllegalArgumentException("expected a number or numeric text");
    }

    private static BigDecimal whole(Object value) {
        BigDecimal decimal = decimal(value);
        if (!isWhole(decimal)) {
            throw new IllegalArgumentException("not a whole number");
        }
        return decimal;
    }

    private static boolean isWhole(BigDecimal decimal) {
        return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
    }

    private static boolean fitsLong(BigDecimal decimal) {
        return decimal.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                && decimal.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }
}
