package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the PostgreSQL catalog says about tables: columns and types, sizes, estimates, primary keys, indexes and
 * foreign keys. Reads only; every name is bound as a value, never pasted.
 */
public final class PostgresCatalog {

    private final Connection connection;

    public PostgresCatalog(Connection connection) {
        this.connection = connection;
    }

    /** What depends on tables, on this catalog's connection. */
    public TableDependents dependents() {
        return new TableDependents(connection);
    }

    /** The table, or empty when there is no such (ordinary) table. */
    public Optional<TableInfo> table(String schema, String name) throws SQLException {
        List<TableInfo> found = tables("c.relname = ? AND n.nspname = ?", schema, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Every schema that can hold user tables, {@code public} first, then by name: all but information_schema and
     * the system's (pg_catalog, pg_toast, pg_temp_N…: names beginning with pg_ are reserved to the system).
     */
    public List<String> userSchemas() throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_'"
                + " AND nspname <> 'information_schema' ORDER BY nspname <> 'public', nspname");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                schemas.add(r.getString(1));
            }
        }
        return schemas;
    }

    /** Every ordinary table of the schema, by name. */
    public List<TableInfo> tables(String schema) throws SQLException {
        return tables("n.nspname = ?", schema, null);
    }

    private List<TableInfo> tables(String where, String schema, String name) throws SQLException {
        String sql = "SELECT c.oid, n.nspname, c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid),"
                + " pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r','p') AND " + where + " ORDER BY c.relname";
        List<TableInfo> tables = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            if (name != null) {
                s.setString(1, name);
                s.setString(2, schema);
            } else {
                s.setString(1, schema);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long oid = r.getLong(1);
                    tables.add(new TableInfo(oid, r.getString(2), r.getString(3), r.getLong(4), r.getLong(5),
                            r.getString(6), columns(oid), primaryKey(oid)));
                }
            }
        }
        return tables;
    }

    /** Live columns in table order, with their SQL types as the server prints them. */
    public List<ColumnInfo> columns(long tableOid) throws SQLException {
        String sql = "SELECT attname, format_type(atttypid, atttypmod), attnotnull, attidentity, attgenerated"
                + " FROM pg_attribute WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped ORDER BY attnum";
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, tableOid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(new ColumnInfo(r.getString(1), r.getString(2), r.getBoolean(3),
                            !r.getString(4).isEmpty(), !r.getString(5).isEmpty()));
                }
            }
        }
        return columns;
    }

    /** The primary key's columns in key order; empty when the table has none. */
    public List<String> primaryKey(long tableOid) throws SQLException {
        String sql = "SELECT a.attname FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(num, pos)"
                + " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num"
                + " WHERE c.conrelid = ? AND c.contype = 'p' ORDER BY k.pos";
        return strings(sql, tableOid);
    }

    /** Indexes of the table, with the constraint each backs (primary key, unique), if any. */
    public List<IndexInfo> indexes(long tableOid) throws SQLException {
        String sql = "SELECT i.indexrelid, ic.relname, pg_get_indexdef(i.indexrelid), con.conname, con.contype::text,"
                + " 'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(ic.relname)"
                + " || ' ON ' || quote_ident(n.nspname) || '.' || quote_ident(t.relname) || ' ', pg_get_constraintdef(con.oid)"
                + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid"
                + " AND con.contype IN ('p','u','x') WHERE i.indrelid = ? ORDER BY ic.relname";
        List<IndexInfo> indexes = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, tableOid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String def = r.getString(3);
                    String prefix = r.getString(6);
                    // The part after "CREATE INDEX name ON schema.table ": the same index on another table.
                    String body = def.startsWith(prefix) ? def.substring(prefix.length()) : null;
                    indexes.add(new IndexInfo(r.getLong(1), r.getString(2), def, body, r.getString(4),
                            r.getString(5), r.getString(7)));
                }
            }
        }
        return indexes;
    }

    /** Foreign keys that reference the table (any column), from any table. */
    public List<ForeignKeyInfo> foreignKeysInto(long tableOid) throws SQLException {
        return foreignKeys("c.confrelid = ?", tableOid);
    }

    /** Foreign keys declared on the table. */
    public List<ForeignKeyInfo> foreignKeysOf(long tableOid) throws SQLException {
        return foreignKeys("c.conrelid = ?", tableOid);
    }

    private List<ForeignKeyInfo> foreignKeys(String where, long oid) throws SQLException {
        String sql = "SELECT c.conname, c.conrelid, n.nspname, t.relname,"
                + " array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(num, pos) JOIN pg_attribute a"
                + "   ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.pos)::text[],"
                + " c.confrelid, rn.nspname, rt.relname,"
                + " array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(num, pos) JOIN pg_attribute a"
                + "   ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.pos)::text[],"
                + " pg_get_constraintdef(c.oid), c.confupdtype, c.confdeltype, c.confmatchtype, c.condeferrable,"
                + " c.condeferred, c.convalidated"
                + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " JOIN pg_class rt ON rt.oid = c.confrelid JOIN pg_namespace rn ON rn.oid = rt.relnamespace"
                + " WHERE c.contype = 'f' AND " + where + " ORDER BY t.relname, c.conname";
        List<ForeignKeyInfo> keys = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, oid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(new ForeignKeyInfo(r.getString(1), r.getLong(2), r.getString(3), r.getString(4),
                            List.of((String[]) r.getArray(5).getArray()), r.getLong(6), r.getString(7),
                            r.getString(8), List.of((String[]) r.getArray(9).getArray()), r.getString(10),
                            r.getString(11), r.getString(12), r.getString(13), r.getBoolean(14), r.getBoolean(15),
                            r.getBoolean(16)));
                }
            }
        }
        return keys;
    }

    /** Exact row count (a full scan). */
    public long exactCount(String schema, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM " + SqlNames.qualified(schema, table));
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Sequences owned by the table's columns: {@code serial} ones (dependency 'a') and identity ones ('i'). A serial
     * sequence would move with its table to another schema, so a swap re-homes it first.
     */
    public List<OwnedSequence> ownedSequences(long tableOid) throws SQLException {
        String sql = "SELECT sn.nspname, s.relname, a.attname, d.deptype = 'i' FROM pg_depend d"
                + " JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' JOIN pg_namespace sn ON sn.oid = s.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " WHERE d.classid = 'pg_class'::regclass AND d.refobjid = ? AND d.deptype IN ('a','i') ORDER BY a.attnum";
        List<OwnedSequence> sequences = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, tableOid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sequences.add(new OwnedSequence(r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4)));
                }
            }
        }
        return sequences;
    }

    /** Extended statistics objects on the table, as (oid, schema, name). */
    public List<String[]> statisticsObjects(long tableOid) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT s.oid::bigint::text, n.nspname, s.stxname FROM"
                + " pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE s.stxrelid = ?"
                + " ORDER BY s.stxname")) {
            s.setLong(1, tableOid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
                }
            }
        }
        return out;
    }

    private List<String> strings(String sql, long oid) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, oid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    values.add(r.getString(1));
                }
            }
        }
        return values;
    }
}
