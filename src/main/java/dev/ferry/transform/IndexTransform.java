package dev.ferry.transform;

/** Inside {@code each}: the element's position plus an offset ({@code index: 1} numbers steps from 1). */
final class IndexTransform implements FieldTransform {
    private final int offset;

    IndexTransform(int offset) {
        this.offset = offset;
    }

    @Override
    public Object apply(MappingScope scope) {
        if (scope.index() < 0) {
            throw new TransformException("index is only available inside each");
        }
        return scope.index() + offset;
    }
}
