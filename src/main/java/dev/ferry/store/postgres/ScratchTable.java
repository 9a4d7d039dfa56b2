package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A throwaway copy of a table's shape ({@code ferry_dry_run_scratch_…}: its columns, types and indexes, no rows, no
 * defaults, no constraints but the primary key), in Ferry's schema or beside the table, for timing writes like a
 * run's without touching the table. Dropped on close.
 */
public final class ScratchTable implements AutoCloseable {

    private final PostgresStore store;
    private final String schema;
    private final String name;

    private ScratchTable(PostgresStore store, String schema, String name) {
        this.store = store;
        this.schema = schema;
        this.name = name;
    }

    /**
     * Creates the copy of {@code table} (as a plan names it) as {@code schema.name}, or beside the table when
     * {@code schema} is null; fails when it cannot.
     */
    public static ScratchTable like(PostgresStore store, String table, String schema, String name) {
        try (Connection c = store.newConnection(); Statement s = c.createStatement()) {
            PostgresTable original = PostgresTable.read(c, table);
            String in = schema == null ? original.schema() : schema;
            String qualified = SqlNames.qualified(in, name);
            s.execute("CREATE TABLE " + qualified + " (LIKE " + original.qualified() + " INCLUDING INDEXES)");
            List<String> key = original.primaryKeyColumns();
            for (PostgresTable.Column column : original.columns()) {
                if (column.notNull() && !key.contains(column.name())) { // the run writes the plan's columns only
                    s.execute("ALTER TABLE " + qualified + " ALTER COLUMN " + SqlNames.quote(column.name())
                            + " DROP NOT NULL");
                }
            }
            return new ScratchTable(store, in, name);
        } catch (SQLException e) {
            throw new FerryException("Could not create the scratch table " + name + " beside " + table + ": "
                    + Secrets.redact(e.getMessage()), e);
        }
    }

    /**
     * A table of a definition's shape (a table the run would create), without its foreign keys (what they reference
     * may not exist yet either), as {@code schema.name}, or beside where the table would be when {@code schema} is null.
     */
    public static ScratchTable of(PostgresStore store, NewTable definition, String schema, String name) {
        String in = schema == null ? PostgresDdl.schema(definition.table()) : schema;
        try (Connection c = store.newConnection(); Statement s = c.createStatement()) {
            s.execute(definition.ddl(SqlNames.qualified(in, name), false));
            return new ScratchTable(store, in, name);
        } catch (SQLException e) {
            throw new FerryException("Could not create the scratch table " + name + " of the shape " + definition.table()
                    + " would have: " + Secrets.redact(e.getMessage()), e);
        }
    }

    /** The copy's name as a plan would give it ({@code schema.name}). */
    public String name() {
        return schema + "." + name;
    }

    public void truncate() {
        execute("TRUNCATE " + SqlNames.qualified(schema, name));
    }

    @Override
    public void close() {
        execute("DROP TABLE IF EXISTS " + SqlNames.qualified(schema, name));
    }

    private void execute(String sql) {
        try (Connection c = store.newConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new FerryException("Could not change the scratch table " + name + ": " + Secrets.redact(e.getMessage()),
                    e);
        }
    }
}
