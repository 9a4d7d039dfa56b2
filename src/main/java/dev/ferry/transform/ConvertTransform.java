package dev.ferry.transform;

import dev.ferry.plan.ConvertType;

/** Converts the inner rule's value to a type ({@code convert: date}); null and missing pass through. */
final class ConvertTransform implements FieldTransform {
    private final FieldTransform inner;
    private final ConvertType type;
    private final RuleOrigin origin;

    ConvertTransform(FieldTransform inner, ConvertType type, RuleOrigin origin) {
        this.inner = inner;
        this.type = type;
        this.origin = origin;
    }

    @Override
    public Object apply(MappingScope scope) {
        Object value = inner.apply(scope);
        if (value == null || value == ABSENT) {
            return value;
        }
        try {
            return ValueConversions.convert(type, value);
        } catch (IllegalArgumentException e) {
            throw new TransformException("cannot convert " + origin.describe(scope) + " = " + ValueText.describe(value)
                    + " to " + type.planName() + ": " + e.getMessage());
        }
    }
}
