package dev.ferry.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code assess} found in a database: per collection, counts, sizes and a field inventory from a sample.
 *
 * @param skipped collections deliberately not assessed (Ferry's own {@code ferry_*} journal), so a reader knows
 */
public record AssessReport(String database, Instant at, List<CollectionStats> collections, List<String> skipped) {

    public AssessReport {
        collections = List.copyOf(collections);
        skipped = List.copyOf(skipped);
    }

    public AssessReport(String database, Instant at, List<CollectionStats> collections) {
        this(database, at, collections, List.of());
    }

    /**
     * @param sampled     how many documents the field inventory and sizes were computed from
     * @param avgSize     average BSON size in bytes (computed client-side over the sample)
     * @param maxSize     largest BSON size seen in the sample
     * @param dataSize    estimated data size: count × average size
     * @param notes       keys, references and indexes in words (a table's primary key, the foreign keys into and
     *                    out of it, each index)
     * @param estimatedCount the database's own estimate of {@code count} (PostgreSQL's planner statistics), -1 when
     *                    it keeps none; far from the exact count, it says the statistics are stale
     */
    public record CollectionStats(String name, long count, long sampled, double avgSize, long maxSize, long dataSize,
                                  int indexCount, List<FieldStats> fields, List<String> notes, long estimatedCount) {

        public CollectionStats {
            fields = List.copyOf(fields);
            notes = List.copyOf(notes);
        }

        /** A collection whose database keeps no estimate of its count (MongoDB's are exact here). */
        public CollectionStats(String name, long count, long sampled, double avgSize, long maxSize, long dataSize,
                               int indexCount, List<FieldStats> fields) {
            this(name, count, sampled, avgSize, maxSize, dataSize, indexCount, fields, List.of(), -1);
        }
    }

    /**
     * @param path      dotted field path
     * @param present   sampled documents where the field is present (including null)
     * @param types     BSON type name to the number of sampled documents holding it
     */
    public record FieldStats(String path, long present, long sampled, Map<String, Long> types) {
        public double presence() {
            return sampled == 0 ? 0 : 100.0 * present / sampled;
        }

        public boolean mixedTypes() {
            return types.size() > 1;
        }
    }
}
