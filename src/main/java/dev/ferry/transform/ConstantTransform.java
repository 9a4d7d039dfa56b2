package dev.ferry.transform;

/** A constant from the plan ({@code value: 1}); each record gets its own copy of a document or list. */
final class ConstantTransform implements FieldTransform {
    private final Object value;

    ConstantTransform(Object value) {
        this.value = value;
    }

    @Override
    public Object apply(MappingScope scope) {
        return ValueCopy.of(value);
    }
}
