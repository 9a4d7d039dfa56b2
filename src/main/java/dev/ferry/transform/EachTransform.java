package dev.ferry.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Maps every element of a source array to a new object shape ({@code each}). The element's own field rules read
 * the element; an element's failed field is reported at its full path and the other elements are still built.
 */
final class EachTransform implements FieldTransform {
    private final String path;
    private final CompiledFields shape;

    EachTransform(String path, CompiledFields shape) {
        this.path = path;
        this.shape = shape;
    }

    @Override
    public Object apply(MappingScope scope) {
        Object value = SourcePath.read(scope.data(), path);
        if (value == ABSENT || value == null) {
            return value;
        }
        if (!(value instanceof List<?> elements)) {
            throw new TransformException("source field '" + scope.sourcePath(path) + "' should be an array, got "
                    + ValueText.describe(value));
        }
        List<Document> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            String elementPath = scope.sourcePath(path) + "[" + i + "]";
            if (elements.get(i) instanceof Map<?, ?> element) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) element;
                out.add(shape.build(scope.element(fields, i, elementPath), new Document()));
            } else {
                scope.report(scope.fieldPath() + "[" + i + "]", "source element '" + elementPath + "' should be an object, got "
                        + ValueText.describe(elements.get(i)));
            }
        }
        return out;
    }
}
