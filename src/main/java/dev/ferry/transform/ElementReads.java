package dev.ferry.transform;

import dev.ferry.expr.ExpressionSandbox;
import dev.ferry.plan.FieldRule;

/**
 * Whether an {@code each} reads its elements as whole values ({@code value}): then scalar elements are what it maps;
 * otherwise its rules read documents' fields, and a scalar element is bad data.
 */
final class ElementReads {

    private ElementReads() {
    }

    static boolean value(FieldRule.Each each) {
        if (each.element() != null || reads(each.filter())) {
            return true;
        }
        return fields(each.fields());
    }

    /** Whether any of these rules (an element's, or a fan-out target's) reads the element as a whole. */
    static boolean fields(java.util.Map<String, FieldRule> rules) {
        return rules.values().stream().anyMatch(ElementReads::readsValue);
    }

    private static boolean readsValue(FieldRule rule) {
        if (reads(rule.options().when())) {
            return true;
        }
        if (rule instanceof FieldRule.From from) {
            return from.path().equals(ExpressionContext.VALUE) || from.path().startsWith(ExpressionContext.VALUE + ".");
        }
        if (rule instanceof FieldRule.Coalesce coalesce) {
            return coalesce.candidates().stream().anyMatch(ElementReads::readsValue);
        }
        if (rule instanceof FieldRule.Expr expr) {
            return reads(expr.expression());
        }
        return rule instanceof FieldRule.Each inner && (inner.path().equals(ExpressionContext.VALUE)
                || inner.path().startsWith(ExpressionContext.VALUE + "."));
    }

    private static boolean reads(String expression) {
        return expression != null && ExpressionSandbox.compile(expression).reads(ExpressionContext.VALUE);
    }
}
