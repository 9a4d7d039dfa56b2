package dev.ferry.transform;

import dev.ferry.expr.ValueText;
import dev.ferry.plan.TargetOptions;
import dev.ferry.plan.TargetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Builds a fan-out target's records from one source record: one per element of the array it fans out over (or
 * entry of a map, read as {@code {key, value}}), each keyed by the parent's key and the element's position — so a
 * replayed batch and a validation produce the same keys — and built by the target's fields, which read the element.
 * A collection's records also carry both as fields; a table's key columns take them from the {@code _id}.
 */
final class FanOutTarget {
    private final String collection;
    private final String path;
    private final String parent;
    private final String parentKey;
    private final String position;
    private final boolean copyKeys;
    private final boolean scalars;
    private final CompiledFields fields;

    FanOutTarget(TargetSpec spec) {
        TargetOptions.FanOut fan = spec.options().fanOut();
        List<String> key = spec.options().keyOrDefault();
        this.collection = spec.collection();
        this.path = fan.path();
        this.parent = fan.parent();
        this.parentKey = key.get(0);
        this.position = key.get(1);
        this.copyKeys = !spec.isTable();
        this.scalars = ElementReads.fields(spec.fields());
        this.fields = RuleCompiler.compileFields(spec.fields());
    }

    String collection() {
        return collection;
    }

    /**
     * @param sourceKey the source record's key value (the parent key, when no parent target is named)
     * @param built     the documents of the targets built before this one (its parent is one)
     */
    List<Document> build(Document source, Object sourceKey, String canonicalKey, Map<String, Document> built,
                         List<FieldError> errors) {
        MappingScope scope = MappingScope.root(collection, canonicalKey, source, errors);
        Object parentId = parent == null ? sourceKey : built.get(parent) == null ? null : built.get(parent).get("_id");
        Object value = SourcePath.read(source, path);
        if (value == FieldTransform.ABSENT || value == null) {
            return List.of();
        }
        List<Object> elements = elements(value);
        if (elements == null) {
            scope.report("_id", "source field '" + path + "' should be an array or a map to fan out over, got "
                    + ValueText.describe(value));
            return List.of();
        }
        if (parentId == null) {
            scope.report("_id", parent == null ? "the record has no key to carry as " + parentKey
                    : "the parent " + parent + " has no _id to carry as " + parentKey);
            return List.of();
        }
        List<Document> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Object element = elements.get(i);
            String at = path + "[" + i + "]";
            if (!scalars && !(element instanceof Map<?, ?>)) {
                scope.report("[" + i + "]", "source element '" + at + "' should be an object, got "
                        + ValueText.describe(element) + " (rules that read an element as a whole use value)");
                continue;
            }
            Document doc = new Document("_id", new Document(parentKey, parentId).append(position, i));
            if (copyKeys) {
                doc.append(parentKey, parentId).append(position, i);
            }
            out.add(fields.build(scope.element(element, i, at, "[" + i + "]."), doc));
        }
        return out;
    }

    /** An array's elements, a map's entries as {@code {key, value}}; null for anything else. */
    private static List<Object> elements(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value instanceof Map<?, ?> map) {
            List<Object> entries = new ArrayList<>(map.size());
            map.forEach((k, v) -> entries.add(new Document("key", String.valueOf(k)).append("value", v)));
            return entries;
        }
        return null;
    }
}
