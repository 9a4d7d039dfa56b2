package dev.ferry.transform;

import org.bson.Document;

/**
 * A compiled plan: builds every target document from one source record. Thread-safe and deterministic:
 * the same source gives the same targets (generated UUIDs are derived from the source key), so a
 * replayed batch writes the same documents and a checksum can be recomputed from the source.
 */
public interface RecordMapper {

    MappedRecord map(Document source);
}
