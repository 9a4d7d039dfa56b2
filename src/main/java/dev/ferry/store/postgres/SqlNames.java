package dev.ferry.store.postgres;

/**
 * Quotes PostgreSQL identifiers. Every table, column, schema, index and constraint name that goes into SQL passes
 * through here; values always go through bind parameters. No SQL is built by pasting an unquoted name.
 */
public final class SqlNames {

    private SqlNames() {
    }

    /** {@code Users} → {@code "Users"}, {@code a"b} → {@code "a""b"}; refuses empty names and NUL characters. */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("An SQL identifier is empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An SQL identifier contains a NUL character: " + identifier.replace('\0', '?'));
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * A string as an SQL literal, for the few statements that take no bind parameters (COMMENT ON, option values):
     * {@code E'…'} with backslashes and quotes escaped, whatever {@code standard_conforming_strings} says.
     */
    public static String literal(String value) {
        return "E'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code schema.table}, both parts quoted. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
