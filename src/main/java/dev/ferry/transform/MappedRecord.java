package dev.ferry.transform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * What one source record produced.
 *
 * @param sourceKey the value of the source key
 * @param targets   target collection to the document built for it (partial where a field failed; never written then)
 * @param errors    per-field transform errors; a record with any error is quarantined as a whole
 */
public record MappedRecord(Object sourceKey, Map<String, Document> targets, List<FieldError> errors) {

    public MappedRecord {
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets)); // plan order, for previews
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
