package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the empty shadow of each converted table (same columns, defaults, checks and grants; the converted columns
 * already uuid; no indexes yet, so the fill does not maintain them) and arms a statement trigger on each original that
 * notes any write: the swap refuses if the originals changed after their rows were copied.
 */
final class ShadowTables {

    static final String WRITES = "ferry_pg_writes";
    static final String WRITE_GUARD = "ferry_write_guard";
    private static final String NOTE_WRITE = "ferry_note_write";

    private final String schema;

    ShadowTables(String schema) {
        this.schema = schema;
    }

    /** In the caller's transaction: shadows, the write log cleared, the guard triggers. */
    void create(Connection c, ConversionLayout layout) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + SqlNames.qualified(schema, WRITES)
                    + " (table_name text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())");
            s.execute("DELETE FROM " + SqlNames.qualified(schema, WRITES));
            // SECURITY DEFINER: the application's role may write the tables without any right on Ferry's log.
            s.execute("CREATE OR REPLACE FUNCTION " + SqlNames.qualified(schema, NOTE_WRITE) + "() RETURNS trigger"
                    + " LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $ferry$ BEGIN INSERT INTO "
                    + SqlNames.qualified(schema, WRITES) + " (table_name) VALUES (TG_TABLE_NAME); RETURN NULL; END $ferry$");
            for (ConvertedTable t : layout.tables()) {
                s.execute("DROP TABLE IF EXISTS " + t.shadow());
                s.execute("CREATE TABLE " + t.shadow() + " (LIKE " + t.original() + " INCLUDING DEFAULTS INCLUDING"
                        + " CONSTRAINTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE INCLUDING COMMENTS"
                        + " INCLUDING COMPRESSION)");
                for (String column : t.columns()) {
                    String col = SqlNames.quote(column);
                    s.execute("ALTER TABLE " + t.shadow() + " ALTER COLUMN " + col + " TYPE uuid USING " + col + "::uuid");
                }
                for (String[] grant : new PostgresCatalog(c).grants(t.table().oid())) {
                    String grantee = grant[0].equals("PUBLIC") ? "PUBLIC" : SqlNames.quote(grant[0]);
                    s.execute("GRANT " + privilege(grant[1]) + " ON " + t.shadow() + " TO " + grantee);
                }
                s.execute("DROP TRIGGER IF EXISTS " + WRITE_GUARD + " ON " + t.original());
                s.execute("CREATE TRIGGER " + WRITE_GUARD + " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
                        + t.original() + " FOR EACH STATEMENT EXECUTE FUNCTION " + SqlNames.qualified(schema, NOTE_WRITE) + "()");
            }
        }
    }

    /** Tables written since the shadows were created, e.g. ["journal_entries: 3 statements since 10:02:11"]. */
    List<String> writesSinceCopy(Connection c) throws SQLException {
        List<String> writes = new ArrayList<>();
        try (Statement s = c.createStatement();
             var r = s.executeQuery("SELECT table_name, count(*), min(at) FROM " + SqlNames.qualified(schema, WRITES)
                     + " GROUP BY table_name ORDER BY table_name")) {
            while (r.next()) {
                writes.add(r.getString(1) + ": " + r.getLong(2) + " writing statement(s) since " + r.getTimestamp(3));
            }
        }
        return writes;
    }

    /** Removes the guards from the originals, so the backup (and a rolled-back table) carries nothing of Ferry's. */
    void disarm(Connection c, ConversionLayout layout, boolean originalsInBackup, String backupSchema)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            for (ConvertedTable t : layout.tables()) {
                String table = originalsInBackup ? SqlNames.qualified(backupSchema, t.name()) : t.original();
                s.execute("DROP TRIGGER IF EXISTS " + WRITE_GUARD + " ON " + table);
            }
        }
    }

    /** aclexplode names privileges with a fixed set of keywords; anything else is refused rather than pasted. */
    private static String privilege(String name) {
        return switch (name) {
            case "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER" -> name;
            default -> throw new IllegalStateException("unexpected table privilege " + name);
        };
    }
}
