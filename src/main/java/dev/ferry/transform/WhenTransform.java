package dev.ferry.transform;

import dev.ferry.expr.ValueText;
import dev.ferry.expr.ExpressionSandbox;
import dev.ferry.expr.SandboxedExpression;

/** Produces the field only when a condition holds ({@code when}); otherwise the field is left out. */
final class WhenTransform implements FieldTransform {
    private final FieldTransform inner;
    private final SandboxedExpression condition;

    WhenTransform(FieldTransform inner, String condition) {
        this.inner = inner;
        this.condition = ExpressionSandbox.compile(condition);
    }

    @Override
    public Object apply(MappingScope scope) {
        Object holds = ExpressionTransform.evaluate(condition, scope);
        if (holds == null || Boolean.FALSE.equals(holds)) {
            return ABSENT;
        }
        if (!Boolean.TRUE.equals(holds)) {
            throw new TransformException("condition '" + condition.source() + "' should be true or false, got "
                    + ValueText.describe(holds));
        }
        return inner.apply(scope);
    }
}
