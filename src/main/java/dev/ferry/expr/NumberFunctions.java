package dev.ferry.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import org.bson.types.Decimal128;

/** The number functions of the library. Results keep their kind: a decimal stays a decimal, a double a double. */
final class NumberFunctions {
    static final Map<String, RoundingMode> MODES = Map.of("half_up", RoundingMode.HALF_UP,
            "half_even", RoundingMode.HALF_EVEN, "half_down", RoundingMode.HALF_DOWN, "up", RoundingMode.UP,
            "down", RoundingMode.DOWN, "ceiling", RoundingMode.CEILING, "floor", RoundingMode.FLOOR);

    private NumberFunctions() {
    }

    static Object round(Object number, Object scale, Object mode) {
        if (number == null) {
            return null;
        }
        Number n = Args.number("round", 0, number);
        int places = scale == null ? 0 : Args.whole("round", 1, scale);
        RoundingMode rounding = mode == null ? RoundingMode.HALF_UP : mode("round", 2, mode);
        BigDecimal exact = Args.decimal(n);
        if (exact == null) {
            throw Args.refused("round", 0, number, "should be a finite number");
        }
        if (places >= 0 && exact.scale() <= places && !(n instanceof Decimal128 || n instanceof BigDecimal)) {
            return n; // nothing to round: a whole number stays the int or long it was
        }
        BigDecimal rounded = exact.setScale(places, rounding);
        return sameKind(n, rounded);
    }

    /** The rounded value as the kind of number it came from. */
    private static Number sameKind(Number original, BigDecimal value) {
        if (original instanceof Decimal128) {
            return Decimals.toDecimal128(value.scale() < 0 ? value.setScale(0) : value);
        }
        if (original instanceof BigDecimal) {
            return value;
        }
        if (original instanceof Double || original instanceof Float) {
            return value.doubleValue();
        }
        if (original instanceof BigInteger) {
            return value.toBigInteger();
        }
        if (original instanceof Long) {
            return value.longValue();
        }
        return value.intValue();
    }

    static Object decimal(Object value) {
        if (value == null) {
            return null;
        }
        BigDecimal exact;
        if (value instanceof String s) {
            try {
                exact = new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                throw Args.refused("decimal", 0, value, "is not a number");
            }
        } else if (value instanceof Number n) {
            exact = Args.decimal(n);
            if (exact == null) {
                throw Args.refused("decimal", 0, value, "should be a finite number");
            }
        } else {
            throw Args.refused("decimal", 0, value, "should be a number or numeric text");
        }
        if (exact.precision() > MathContext.DECIMAL128.getPrecision()) {
            throw Args.refused("decimal", 0, value, "has more than 34 digits, more than a decimal holds");
        }
        return Decimals.toDecimal128(exact);
    }

    static Object abs(Object number) {
        if (number == null) {
            return null;
        }
        Number n = Args.number("abs", 0, number);
        if (n instanceof Decimal128 d) {
            return Decimals.toDecimal128(Args.decimal(d).abs());
        }
        if (n instanceof BigDecimal d) {
            return d.abs();
        }
        if (n instanceof BigInteger b) {
            return b.abs();
        }
        if (n instanceof Double || n instanceof Float) {
            return Math.abs(n.doubleValue());
        }
        if (n instanceof Long l) {
            return l == Long.MIN_VALUE ? (Object) BigInteger.valueOf(l).abs() : (Object) Math.abs(l);
        }
        int i = n.intValue();
        return i == Integer.MIN_VALUE ? (Object) Math.abs((long) i) : (Object) Math.abs(i);
    }

    static RoundingMode mode(String function, int index, Object mode) {
        String name = Args.text(function, index, mode).toLowerCase(Locale.ROOT);
        RoundingMode found = MODES.get(name);
        if (found == null) {
            throw Args.refused(function, index, mode, "is not a rounding mode; one of "
                    + String.join(", ", new java.util.TreeSet<>(MODES.keySet())));
        }
        return found;
    }
}
