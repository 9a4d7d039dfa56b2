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
 * @param fanned    each fan-out target to the documents built for it, one per element of the array it fans out over
 * @param errors    per-field transform errors; a record with any error is quarantined as a whole
 */
public record MappedRecord(Object sourceKey, Map<String, Document> targets, Map<String, List<Document>> fanned,
                           List<FieldError> errors) {

    public MappedRecord {
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets)); // plan order, for previews
        fanned = Collections.unmodifiableMap(new LinkedHashMap<>(fanned));
        errors = List.copyOf(errors);
    }

    /** A record of a plan without fan-out targets. */
    public MappedRecord(Object sourceKey, Map<String, Document> targets, List<FieldError> errors) {
        this(sourceKey, targets, Map.of(), errors);
    }

    /** Every target's documents: one for a target, one per element for a fan-out target, in plan order. */
    public Map<String, List<Document>> documents() {
        Map<String, List<Document>> all = new LinkedHashMap<>();
        targets.forEach((t, doc) -> all.put(t, List.of(doc)));
        all.putAll(fanned);
        return all;
    }

    /** The same record with other errors (refusals found after the mapping). */
    public MappedRecord withErrors(List<FieldError> found) {
        return new MappedRecord(sourceKey, targets, fanned, found);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
