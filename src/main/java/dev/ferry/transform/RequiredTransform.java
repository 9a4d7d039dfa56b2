package dev.ferry.transform;

/** Makes a null or missing value an error ({@code required: true}) instead of a left-out field. */
final class RequiredTransform implements FieldTransform {
    private final FieldTransform inner;
    private final RuleOrigin origin;

    RequiredTransform(FieldTransform inner, RuleOrigin origin) {
        this.inner = inner;
        this.origin = origin;
    }

    @Override
    public Object apply(MappingScope scope) {
        Object value = inner.apply(scope);
        if (value == ABSENT) {
            throw new TransformException("required, but " + origin.describe(scope) + " is missing");
        }
        if (value == null) {
            throw new TransformException("required, but " + origin.describe(scope) + " is null");
        }
        return value;
    }
}
