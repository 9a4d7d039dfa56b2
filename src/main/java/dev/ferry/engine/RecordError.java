package dev.ferry.engine;

/** A source record that could not be migrated, and why. Rendered with the source key so it can be found. */
public record RecordError(String sourceKey, String reason) { }
