package dev.ferry.transform;

/** Supplies a default when the inner rule yields null or nothing ({@code file_type} → "csv"). */
final class DefaultTransform implements FieldTransform {
    private final FieldTransform inner;
    private final Object fallback;

    DefaultTransform(FieldTransform inner, Object fallback) {
        this.inner = inner;
        this.fallback = fallback;
    }

    @Override
    public Object apply(MappingScope scope) {
        Object value = inner.apply(scope);
        return value == null || value == ABSENT ? ValueCopy.of(fallback) : value;
    }
}
