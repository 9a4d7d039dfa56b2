package dev.ferry.transform;

import dev.ferry.expr.ExpressionSandbox;
import dev.ferry.expr.SandboxedExpression;
import dev.ferry.expr.ValueText;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Maps every element of a source array ({@code each}): to a new object built by its {@code fields}, or to one value
 * by its {@code element} rule; a {@code filter} condition first keeps only the elements for which it holds. The rules
 * read the element — a document's fields, or a scalar as {@code value}. An element's failed field is reported at its
 * full path and the other elements are still built.
 */
final class EachTransform implements FieldTransform {
    private final String path;
    private final CompiledFields shape;
    private final FieldTransform element;
    private final SandboxedExpression filter;
    private final boolean scalars;

    /**
     * @param shape   the fields of the object per element, or null
     * @param element the value per element, or null
     * @param scalars whether elements may be scalars: the rules read {@code value}; otherwise a scalar where
     *                documents are expected is bad data, reported
     */
    EachTransform(String path, CompiledFields shape, FieldTransform element, String filter, boolean scalars) {
        this.path = path;
        this.shape = shape;
        this.element = element;
        this.filter = filter == null ? null : ExpressionSandbox.compile(filter);
        this.scalars = scalars;
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
        List<Object> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            String elementPath = scope.sourcePath(path) + "[" + i + "]";
            if (!scalars && !(elements.get(i) instanceof java.util.Map<?, ?>)) {
                scope.report(scope.fieldPath() + "[" + out.size() + "]", "source element '" + elementPath
                        + "' should be an object, got " + ValueText.describe(elements.get(i))
                        + " (rules that read an element as a whole use value)");
                continue;
            }
            MappingScope inner = scope.element(elements.get(i), i, elementPath, scope.fieldPath() + "[" + out.size() + "].");
            if (filter != null && !kept(inner, elementPath)) {
                continue;
            }
            if (shape != null) {
                out.add(shape.build(inner, new Document()));
                continue;
            }
            try {
                Object produced = element.apply(inner);
                out.add(produced == ABSENT ? null : produced);
            } catch (TransformException e) {
                scope.report(scope.fieldPath() + "[" + (out.size()) + "]", e.getMessage());
                out.add(null);
            }
        }
        return out;
    }

    private boolean kept(MappingScope inner, String elementPath) {
        Object holds = ExpressionTransform.evaluate(filter, inner);
        if (holds != null && !(holds instanceof Boolean)) {
            throw new TransformException("filter '" + filter.source() + "' should be true or false, got "
                    + ValueText.describe(holds) + " for " + elementPath);
        }
        return Boolean.TRUE.equals(holds);
    }
}
