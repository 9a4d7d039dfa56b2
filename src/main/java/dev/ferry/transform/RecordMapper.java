package dev.ferry.transform;

import dev.ferry.store.SourceKeys;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A compiled plan: builds every target document from one source record. Thread-safe and deterministic:
 * the same source gives the same targets (generated UUIDs are derived from the source key), so a
 * replayed batch writes the same documents and a checksum can be recomputed from the source.
 */
public interface RecordMapper {

    MappedRecord map(Document source);

    /**
     * Maps {@code source}; a mapper that throws is a bug in a transform, so the record comes back with the reason as
     * its error (it is quarantined) and the run goes on.
     */
    default MappedRecord mapSafely(Document source, String key) {
        try {
            return map(source);
        } catch (RuntimeException e) {
            return new MappedRecord(SourceKeys.valueAt(source, key), Map.of(), List.of(
                    new FieldError("*", "*", "the mapping failed: " + e)));
        }
    }
}
