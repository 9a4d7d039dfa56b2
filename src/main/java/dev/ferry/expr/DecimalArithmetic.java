package dev.ferry.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlOperator;
import org.bson.types.Decimal128;

/**
 * JEXL's arithmetic, except that a Decimal128 operand keeps the operation decimal: {@code price * qty} on money gives
 * the Decimal128 16.632, not the double 16.631999999999998, and comparisons see every digit. Everything else (null as
 * 0, text concatenation, double and long arithmetic) is JEXL's lenient arithmetic as before.
 */
public final class DecimalArithmetic extends JexlArithmetic {
    private static final MathContext DECIMAL = MathContext.DECIMAL128;

    /** The constructor JEXL looks for when it derives an arithmetic with other options. */
    public DecimalArithmetic(boolean strict, MathContext context, int scale) {
        super(strict, context, scale);
    }

    DecimalArithmetic() {
        this(false, null, Integer.MIN_VALUE);
    }

    @Override
    protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
        return new DecimalArithmetic(strict, context, scale);
    }

    @Override
    public Object add(Object left, Object right) {
        return decimal(left, right) ? result(exact(left).add(exact(right), DECIMAL)) : super.add(left, right);
    }

    @Override
    public Object subtract(Object left, Object right) {
        return decimal(left, right) ? result(exact(left).subtract(exact(right), DECIMAL)) : super.subtract(left, right);
    }

    @Override
    public Object multiply(Object left, Object right) {
        return decimal(left, right) ? result(exact(left).multiply(exact(right), DECIMAL)) : super.multiply(left, right);
    }

    /**
     * Division by zero, or of text that is no number, fails the record: JEXL's lenient arithmetic would give 0, a
     * value nobody wrote.
     */
    @Override
    public Object divide(Object left, Object right) {
        refuseZero("/", left, right);
        try {
            return decimal(left, right) ? result(exact(left).divide(exact(right), DECIMAL)) : super.divide(left, right);
        } catch (ArithmeticException e) {
            throw failed("/", left, right, e);
        }
    }

    @Override
    public Object mod(Object left, Object right) {
        refuseZero("%", left, right);
        try {
            return decimal(left, right) ? result(exact(left).remainder(exact(right), DECIMAL)) : super.mod(left, right);
        } catch (ArithmeticException e) {
            throw failed("%", left, right, e);
        }
    }

    private void refuseZero(String operator, Object left, Object right) {
        boolean zero = right == null || right instanceof Number n && Args.decimal(n) != null
                && Args.decimal(n).signum() == 0;
        if (zero) {
            throw new ExpressionFailed("division by zero: " + ValueText.describe(left) + " " + operator + " "
                    + ValueText.describe(right));
        }
    }

    private static ExpressionFailed failed(String operator, Object left, Object right, ArithmeticException e) {
        return new ExpressionFailed("cannot compute " + ValueText.describe(left) + " " + operator + " "
                + ValueText.describe(right) + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    @Override
    public Object negate(Object value) {
        return value instanceof Decimal128 ? result(exact(value).negate()) : super.negate(value);
    }

    @Override
    protected int compare(Object left, Object right, JexlOperator operator) {
        if (left instanceof Decimal128 && (right instanceof Number || right instanceof Decimal128)
                || right instanceof Decimal128 && left instanceof Number) {
            return exact(left).compareTo(exact(right));
        }
        return super.compare(left, right, operator);
    }

    /** A Decimal128 on either side, and no text (which {@code +} concatenates). */
    private static boolean decimal(Object left, Object right) {
        return (left instanceof Decimal128 || right instanceof Decimal128)
                && !(left instanceof String) && !(right instanceof String);
    }

    private BigDecimal exact(Object value) {
        if (value instanceof Decimal128 d) {
            BigDecimal exact = Args.decimal(d);
            if (exact == null) {
                throw new ArithmeticException("a decimal NaN or infinity in arithmetic");
            }
            return exact;
        }
        if (value instanceof Number n) {
            BigDecimal exact = Args.decimal(n);
            if (exact == null) {
                throw new ArithmeticException("NaN or infinity in decimal arithmetic");
            }
            return exact; // a double by its shortest text: 1.1, not 1.100000000000000088…
        }
        return toBigDecimal(value); // null as 0, booleans, numeric text: as JEXL coerces them
    }

    private static Decimal128 result(BigDecimal value) {
        return Decimals.toDecimal128(value);
    }
}
