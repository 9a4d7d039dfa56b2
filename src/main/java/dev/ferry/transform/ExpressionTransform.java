package dev.ferry.transform;

import dev.ferry.plan.ExpressionSandbox;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;

/** A computed value ({@code expr}): a sandboxed JEXL expression over the fields of the record in scope. */
final class ExpressionTransform implements FieldTransform {
    private final JexlExpression expression;

    ExpressionTransform(String expression) {
        this.expression = ExpressionSandbox.compile(expression);
    }

    @Override
    public Object apply(MappingScope scope) {
        return evaluate(expression, scope);
    }

    static Object evaluate(JexlExpression expression, MappingScope scope) {
        try {
            return expression.evaluate(new ExpressionContext(scope));
        } catch (JexlException e) {
            throw new TransformException("expression '" + expression.getSourceText() + "' failed: "
                    + ExpressionSandbox.explain(e));
        }
    }
}
