package dev.ferry.transform;

/** Direct copy or rename ({@code from}); a dotted source path lifts a value out of a sub-document. */
final class CopyTransform implements FieldTransform {
    private final String path;

    CopyTransform(String path) {
        this.path = path;
    }

    @Override
    public Object apply(MappingScope scope) {
        return SourcePath.read(scope.data(), path); // shared, not copied: see NestedFields
    }
}
