package dev.ferry.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import org.bson.types.Decimal128;

/** BigDecimal to Decimal128, within what a Decimal128 holds (34 digits, exponent −6176…6111). */
final class Decimals {

    private Decimals() {
    }

    static Decimal128 toDecimal128(BigDecimal value) {
        BigDecimal fitted = value.precision() > MathContext.DECIMAL128.getPrecision()
                ? value.round(MathContext.DECIMAL128) : value;
        try {
            return new Decimal128(fitted);
        } catch (NumberFormatException e) {
            throw new ArithmeticException("the result " + value + " is outside what a decimal holds");
        }
    }
}
