package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One table as the catalog describes it: its columns in order with their types, and its primary key. A plan names
 * it as {@code schema.table} (or {@code table}, in {@code public}); names are exact — mixed case, spaces and
 * reserved words are taken as written and always quoted.
 */
public final class PostgresTable {

    private final String name;
    private final String schema;
    private final String table;
    private final List<Column> columns;
    private final List<String> primaryKey;
    /** Columns that a unique index (without a predicate) covers alone: their values are unique by constraint. */
    private final List<String> uniqueColumns;

    /**
     * @param type     the column's type as SQL spells it ({@code format_type}), usable in {@code CAST(? AS type)}
     * @param typname  the base type's catalog name ({@code int4}, {@code timestamptz}, {@code _text} for text[])
     * @param element  for an array, its element's catalog name ({@code text}); else null
     * @param typmod   the type modifier: length of varchar(n) / char(n), precision and scale of numeric(p,s); -1 none
     */
    public record Column(String name, String type, String typname, String element, boolean notNull,
                         boolean generated, boolean identityAlways, int typmod) {
        public boolean isArray() {
            return element != null;
        }

        /** For messages: {@code "Created At" (timestamp with time zone)}. */
        public String describe() {
            return SqlNames.quote(name) + " (" + type + ")";
        }
    }

    private PostgresTable(String name, String schema, String table, List<Column> columns, List<String> primaryKey,
                          List<String> uniqueColumns) {
        this.name = name;
        this.schema = schema;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.primaryKey = List.copyOf(primaryKey);
        this.uniqueColumns = List.copyOf(uniqueColumns);
    }

    /** Reads the table's description; fails by name when there is no such table. */
    public static PostgresTable read(Connection connection, String name) {
        return read(connection, name, false);
    }

    /**
     * Reads a table's or, when {@code orView}, also a view's (or materialized or foreign table's) description: what a
     * source may be. Fails by name when there is none.
     */
    public static PostgresTable read(Connection connection, String name, boolean orView) {
        int dot = name.indexOf('.');
        String schema = dot < 0 ? "public" : name.substring(0, dot);
        String table = dot < 0 ? name : name.substring(dot + 1);
        try {
            long oid = oid(connection, schema, table, orView).orElseThrow(() -> new FerryException("There is no "
                    + (orView ? "table or view " : "table ") + SqlNames.qualified(schema, table) + " in the PostgreSQL"
                    + " database. Check the plan's " + (orView ? "source" : "table") + ": names are exact (case,"
                    + " spaces), and a name without a schema is looked up in public."));
            return new PostgresTable(name, schema, table, columns(connection, oid), primaryKey(connection, oid),
                    uniqueColumns(connection, oid));
        } catch (SQLException e) {
            throw new FerryException("Could not read the description of table " + name + ": "
                    + Secrets.redact(e.getMessage()), e);
        }
    }

    /** The table's oid, if there is one by that name (of the kinds a source may be, when {@code orView}). */
    public static Optional<Long> oid(Connection c, String schema, String table, boolean orView) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT c.oid FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p'"
                + (orView ? ", 'v', 'm', 'f'" : "") + ")")) {
            st.setString(1, schema);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static List<Column> columns(Connection c, long oid) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                + " t.typname, et.typname, a.attnotnull, a.attgenerated <> '', a.attidentity = 'a', a.atttypmod"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'"
                + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getInt(8)));
                }
            }
        }
        return out;
    }

    private static List<String> primaryKey(Connection c, long oid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ? AND i.indisprimary"
                + " ORDER BY array_position(CAST(i.indkey AS int2[]), a.attnum)")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static List<String> uniqueColumns(Connection c, long oid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE i.indrelid = ? AND i.indisunique"
                + " AND i.indnkeyatts = 1 AND i.indpred IS NULL AND i.indexprs IS NULL")) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Whether a unique index holds the column's values unique (a view's columns never are, by constraint). */
    public boolean uniqueByConstraint(String column) {
        return uniqueColumns.contains(column);
    }

    /** The primary key's columns, in the key's order; empty when it has none. */
    public List<String> primaryKeyColumns() {
        return primaryKey;
    }

    /** The name as the plan gives it. */
    public String name() {
        return name;
    }

    /** The table's own name, without its schema. */
    public String tableName() {
        return table;
    }

    /** The schema the table is in. */
    public String schema() {
        return schema;
    }

    /** The table's own name, without its schema. */
    public String table() {
        return table;
    }

    /** {@code "schema"."table"}, for SQL. */
    public String qualified() {
        return SqlNames.qualified(schema, table);
    }

    public List<Column> columns() {
        return columns;
    }

    public Optional<Column> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    /** The single-column primary key, which receives a target document's {@code _id}; fails by name otherwise. */
    public Column primaryKey() {
        if (primaryKey.size() != 1) {
            throw new FerryException("The target table " + qualified() + " has " + (primaryKey.isEmpty()
                    ? "no primary key" : "a primary key of " + primaryKey.size() + " columns " + primaryKey)
                    + "; Ferry upserts on the document's _id, so the table needs a primary key of one column.");
        }
        return column(primaryKey.get(0)).orElseThrow();
    }

    /** Every column's name, for messages. */
    public String columnNames() {
        return String.join(", ", columns.stream().map(Column::name).toList());
    }
}
