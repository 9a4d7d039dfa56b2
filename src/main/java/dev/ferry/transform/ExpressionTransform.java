package dev.ferry.transform;

import dev.ferry.expr.ExpressionFailed;
import dev.ferry.expr.ExpressionSandbox;
import dev.ferry.expr.SandboxedExpression;

/** A computed value ({@code expr}): a sandboxed JEXL expression over the fields of the record in scope. */
final class ExpressionTransform implements FieldTransform {
    private final SandboxedExpression expression;

    ExpressionTransform(String expression) {
        this.expression = ExpressionSandbox.compile(expression);
    }

    @Override
    public Object apply(MappingScope scope) {
        return evaluate(expression, scope);
    }

    static Object evaluate(SandboxedExpression expression, MappingScope scope) {
        try {
            return expression.evaluate(new ExpressionContext(scope));
        } catch (ExpressionFailed e) {
            throw new TransformException("expression '" + expression.source() + "' failed: " + e.getMessage());
        }
    }
}
