package dev.ferry.store.postgres;

/** A live column: its SQL type as the server prints it ({@code character varying(36)}), identity and generated flags. */
public record ColumnInfo(String name, String type, boolean notNull, boolean identity, boolean generated) { }
