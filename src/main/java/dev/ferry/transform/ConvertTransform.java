package dev.ferry.transform;

import dev.ferry.expr.ValueText;
import dev.ferry.plan.Conversion;

/** Converts the inner rule's value to a type ({@code convert: date}, with a pattern and zone); null and missing pass through. */
final class ConvertTransform implements FieldTransform {
    private final FieldTransform inner;
    private final Conversion conversion;
    private final RuleOrigin origin;

    ConvertTransform(FieldTransform inner, Conversion conversion, RuleOrigin origin) {
        this.inner = inner;
        this.conversion = conversion;
        this.origin = origin;
    }

    @Override
    public Object apply(MappingScope scope) {
        Object value = inner.apply(scope);
        if (value == null || value == ABSENT) {
            return value;
        }
        try {
            return ValueConversions.convert(conversion, value);
        } catch (IllegalArgumentException e) {
            throw new TransformException("cannot convert " + origin.describe(scope) + " = " + ValueText.describe(value)
                    + " to " + conversion.describe() + ": " + e.getMessage());
        }
    }
}
