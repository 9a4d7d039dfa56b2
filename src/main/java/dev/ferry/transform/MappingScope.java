package dev.ferry.transform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a transform sees while one record is mapped: the data it reads (the source record, or an array element
 * inside {@code each}), the fields of the target object built so far (for templates), and where errors go.
 *
 * @param target       the target collection, for error reports
 * @param sourceKey    the canonical text of the source key, the seed of generated UUIDs; null when the record has none
 * @param data         what source paths and expressions read
 * @param index        the element's position inside {@code each}, else -1
 * @param element      the element itself inside {@code each} (what {@code value} names), else null
 * @param sourcePrefix path of {@code data} in the source record ("" or "transformation_history[2].")
 * @param targetPrefix path of the object being built in the target ("" or "transformation_steps[2].")
 * @param built        values of the object's fields produced so far, by field key
 * @param errors       the record's error sink
 * @param field        the field being produced, relative to the object
 */
record MappingScope(String target, String sourceKey, Map<String, Object> data, int index, Object element,
                    String sourcePrefix,
                    String targetPrefix, Map<String, Object> built, List<FieldError> errors, String field) {

    static MappingScope root(String target, String sourceKey, Map<String, Object> source, List<FieldError> errors) {
        return new MappingScope(target, sourceKey, source, -1, null, "", "", new LinkedHashMap<>(), errors, "");
    }

    MappingScope at(String fieldKey) {
        return new MappingScope(target, sourceKey, data, index, element, sourcePrefix, targetPrefix, built, errors,
                fieldKey);
    }

    /**
     * The scope of one array element inside {@code each}: a document element's fields, or for any other element
     * a document whose only field, {@code value}, is the element.
     */
    @SuppressWarnings("unchecked")
    MappingScope element(Object element, int position, String elementSourcePath, String elementTargetPath) {
        Map<String, Object> fields = element instanceof Map<?, ?> map ? (Map<String, Object>) map
                : java.util.Collections.singletonMap(ExpressionContext.VALUE, element);
        return new MappingScope(target, sourceKey, fields, position, element, elementSourcePath + ".",
                elementTargetPath, new LinkedHashMap<>(), errors, "");
    }

    /** The field's full path in the target document, e.g. {@code transformation_steps[2].applied_at}. */
    String fieldPath() {
        return targetPrefix + field;
    }

    /** A source path as a person reads it, e.g. {@code transformation_history[2].timestamp}. */
    String sourcePath(String relative) {
        return sourcePrefix + relative;
    }

    void report(String fieldPath, String message) {
        errors.add(new FieldError(target, fieldPath, message));
    }
}
