package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a run creates in a PostgreSQL database and its rollback drops: tables and indexes, each statement in a
 * transaction of its own on a fresh connection. Names are quoted; a table's DDL comes from {@link NewTable}.
 */
public final class PostgresDdl {
    private final PostgresStore store;

    public PostgresDdl(PostgresStore store) {
        this.store = store;
    }

    public boolean tableExists(String table) {
        return query(c -> PostgresTable.oid(c, schema(table), name(table), false).isPresent());
    }

    /** Whether an index (or any relation) of this name exists in the table's schema. */
    public boolean indexExists(String table, String index) {
        return query(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
                st.setString(1, schema(table));
                st.setString(2, index);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Executes a statement made by {@link NewTable#ddl()} or {@link #indexDdl}, as the journal keeps it. */
    public void execute(String ddl, String what) {
        executeStatement(ddl, what);
    }

    /** The rows a table holds now. */
    public long count(String table) {
        return query(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM " + NewTable.qualified(table))) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The name PostgreSQL's own convention would give an index of these columns: {@code table_col_col_idx}. */
    public static String defaultIndexName(String table, java.util.Collection<String> columns) {
        String name = name(table) + "_" + String.join("_", columns) + "_idx";
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    /** {@code CREATE [UNIQUE] INDEX name ON table (col [DESC], …)}: the statement, as shown and executed. */
    public static String indexDdl(String table, String index, Map<String, Integer> keys, boolean unique) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + SqlNames.quote(index) + " ON "
                + NewTable.qualified(table) + " (" + keys.entrySet().stream()
                .map(k -> SqlNames.quote(k.getKey()) + (k.getValue() < 0 ? " DESC" : "")).collect(Collectors.joining(", "))
                + ")";
    }

    public void dropTable(String table) {
        executeStatement("DROP TABLE IF EXISTS " + NewTable.qualified(table), "drop the table " + table);
    }

    public void dropIndex(String table, String index) {
        executeStatement("DROP INDEX IF EXISTS " + SqlNames.qualified(schema(table), index), "drop the index " + index);
    }

    /** The primary key's columns of an existing table with their types, in key order; empty when there is none. */
    public Map<String, String> primaryKey(String table) {
        return query(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            PostgresTable t = PostgresTable.read(c, table);
            t.primaryKeyColumns().forEach(k -> out.put(k, t.column(k).orElseThrow().type()));
            return out;
        });
    }

    /** The columns of a table, view or query source with their types, as the catalog (or the query) gives them. */
    public Map<String, String> sourceColumns(dev.ferry.plan.SourceSpec source) {
        return query(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            PostgresSourceRelation.of(c, source).columns().forEach(col -> out.put(col.name(), col.type()));
            return out;
        });
    }

    /** The existing tables of a schema, by name (for did-you-mean hints). */
    public List<String> tables(String schema) {
        return query(c -> new PostgresCatalog(c).tables(schema).stream().map(TableInfo::name).toList());
    }

    private interface Query<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T query(Query<T> q) {
        try (Connection c = store.newConnection()) {
            return q.apply(c);
        } catch (SQLException e) {
            throw new FerryException("Could not read the PostgreSQL catalog: "
                    + Secrets.redact(e.getMessage()), e);
        }
    }

    private void executeStatement(String sql, String what) {
        try (Connection c = store.newConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new FerryException("Could not " + what + ": " + Secrets.redact(e.getMessage())
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
                    + ". Nothing was written to it; fix the cause (a privilege, a name taken) and run again.", e);
        }
    }

    static String schema(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? "public" : table.substring(0, dot);
    }

    static String name(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? table : table.substring(dot + 1);
    }
}
