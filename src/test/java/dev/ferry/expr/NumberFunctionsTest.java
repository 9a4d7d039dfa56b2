package dev.ferry.expr;

import static dev.ferry.expr.Expressions.eval;
import static dev.ferry.expr.Expressions.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/** round, decimal, abs, and arithmetic on Decimal128 money (an order line as a shop keeps it). */
class NumberFunctionsTest {
    private static Decimal128 dec(String text) {
        return new Decimal128(new BigDecimal(text));
    }

    private static final Document LINE = new Document("unit_price", dec("5.544")).append("quantity", 3)
            .append("discount", 0.1).append("rating", 4.65).append("total", dec("16.6355")).append("stock", -12)
            .append("price_text", "19.99").append("none", null);

    @Test
    void decimalArithmeticStaysDecimal() {
        assertThat(eval("unit_price * quantity", LINE)).isEqualTo(dec("16.632"));
        assertThat(eval("unit_price * quantity * (1 - discount)", LINE)).isEqualTo(dec("14.9688"));
        assertThat(eval("unit_price + 1", LINE)).isEqualTo(dec("6.544"));
        assertThat(eval("unit_price - unit_price", LINE)).isEqualTo(dec("0.000"));
        assertThat(eval("total / 5", LINE)).isEqualTo(dec("3.3271"));
        assertThat(eval("-unit_price", LINE)).isEqualTo(dec("-5.544"));
        assertThat(eval("unit_price > 5.5", LINE)).isEqualTo(true);
        assertThat(eval("unit_price == 5.544", LINE)).isEqualTo(true);
        assertThat(eval("total > 16", LINE)).isEqualTo(true);
        // doubles stay JEXL's doubles, as before
        assertThat(eval("rating * 2", LINE)).isEqualTo(9.3);
        assertThat(failure("total / 0", LINE)).contains("by zero");
    }

    @Test
    void roundKeepsTheKindOfNumber() {
        assertThat(eval("round(total, 2)", LINE)).isEqualTo(dec("16.64"));
        assertThat(eval("round(total, 2, 'half_even')", LINE)).isEqualTo(dec("16.64"));
        assertThat(eval("round(total, 3, 'half_even')", LINE)).isEqualTo(dec("16.636"));
        assertThat(eval("round(total, 3, 'down')", LINE)).isEqualTo(dec("16.635"));
        assertThat(eval("round(total)", LINE)).isEqualTo(dec("17"));
        assertThat(eval("round(unit_price * quantity, 2)", LINE)).isEqualTo(dec("16.63"));
        assertThat(eval("round(rating, 1)", LINE)).isEqualTo(4.7);
        assertThat(eval("round(2.675, 2)")).isEqualTo(2.68); // by the decimal digits, not the binary double
        assertThat(eval("round(rating, 0, 'floor')", LINE)).isEqualTo(4.0);
        assertThat(eval("round(stock, -1)", LINE)).isEqualTo(-10);
        assertThat(eval("round(quantity, 2)", LINE)).isEqualTo(3);
        assertThat(eval("round(none, 2)", LINE)).isNull();
        assertThat(failure("round(price_text, 2)", LINE)).isEqualTo("round(price_text, 2): price_text = \"19.99\""
                + " (a string) should be a number (numeric text: decimal(x) makes it one)");
        assertThat(failure("round(total, mode, 'up')", new Document("total", 1.5).append("mode", "x")))
                .contains("mode = \"x\" (a string) should be a whole number");
    }

    @Test
    void decimalAndAbs() {
        assertThat(eval("decimal(price_text)", LINE)).isEqualTo(dec("19.99"));
        assertThat(eval("decimal(price_text) * 3", LINE)).isEqualTo(dec("59.97"));
        assertThat(eval("decimal(rating)", LINE)).isEqualTo(dec("4.65"));
        assertThat(eval("decimal(quantity)", LINE)).isEqualTo(dec("3"));
        assertThat(eval("decimal(none)", LINE)).isNull();
        assertThat(failure("decimal(x)", new Document("x", "12,50"))).isEqualTo("decimal(x): x = \"12,50\" (a string)"
                + " is not a number");
        assertThat(eval("abs(stock)", LINE)).isEqualTo(12);
        assertThat(eval("abs(-unit_price)", LINE)).isEqualTo(dec("5.544"));
        assertThat(eval("abs(none)", LINE)).isNull();
        assertThat(failure("abs(price_text)", LINE)).startsWith("abs(price_text): price_text = \"19.99\"");
    }
}
