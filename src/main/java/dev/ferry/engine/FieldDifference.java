package dev.ferry.engine;

/**
 * One field where the document a mapping produces and the one stored differ, by dotted path, with the words a DBA
 * reads ("total: expected int32 5, stored int64 5").
 */
public record FieldDifference(String path, Kind kind, Object expected, Object stored, String description) {

    public enum Kind { MISSING, EXTRA, TYPE_CHANGE, VALUE }

    public String describe() {
        return description;
    }
}
