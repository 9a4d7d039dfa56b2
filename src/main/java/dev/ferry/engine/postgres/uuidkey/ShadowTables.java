package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.store.postgres.FerrySchema;
import dev.ferry.store.postgres.JournalTables;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableAttachments;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the empty shadow of each converted table, with everything of the original a table carries from its creation
 * ({@link ShadowDefinition#atCreation}: columns, defaults, checks, owner, options, comments, privileges; the converted
 * columns already uuid; no indexes yet, so the fill does not maintain them), and arms a statement trigger on each
 * original that notes any write in Ferry's schema: the swap refuses if the originals changed after their rows were
 * copied.
 */
final class ShadowTables {

    static final String WRITES = "operation_writes";
    static final String WRITE_GUARD = "ferry_write_guard";
    private static final String NOTE_WRITE = "note_write";
    /** An older version kept the write log and its function in the plan's schema. */
    private static final String OLDER_WRITES = "ferry_pg_writes";
    private static final String OLDER_NOTE_WRITE = "ferry_note_write";

    private final String planSchema;

    ShadowTables(String planSchema) {
        this.planSchema = planSchema;
    }

    private static String writes() {
        return SqlNames.qualified(JournalTables.FERRY_SCHEMA, WRITES);
    }

    /** In the caller's transaction: shadows, the write log cleared, the guard triggers. */
    void create(Connection c, ConversionLayout layout) throws SQLException {
        FerrySchema.ensure(c);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + writes() + " (schema_name text NOT NULL, table_name text NOT NULL,"
                    + " at timestamptz NOT NULL DEFAULT clock_timestamp())");
            s.execute("DELETE FROM " + writes());
            // SECURITY DEFINER: the application's role may write the tables without any right on Ferry's log.
            s.execute("CREATE OR REPLACE FUNCTION " + SqlNames.qualified(JournalTables.FERRY_SCHEMA, NOTE_WRITE)
                    + "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $ferry$"
                    + " BEGIN INSERT INTO " + writes() + " (schema_name, table_name) VALUES (TG_TABLE_SCHEMA,"
                    + " TG_TABLE_NAME); RETURN NULL; END $ferry$");
            for (ConvertedTable t : layout.tables()) {
                for (CarriedStatement carried : new ShadowDefinition(t, TableAttachments.read(c, t.table().oid()))
                        .atCreation()) {
                    s.execute(carried.sql());
                }
                s.execute("DROP TRIGGER IF EXISTS " + WRITE_GUARD + " ON " + t.original());
                s.execute("CREATE TRIGGER " + WRITE_GUARD + " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
                        + t.original() + " FOR EACH STATEMENT EXECUTE FUNCTION "
                        + SqlNames.qualified(JournalTables.FERRY_SCHEMA, NOTE_WRITE) + "()");
            }
            dropOlderLog(s, c);
        }
    }

    /** Tables written since the shadows were created, e.g. ["journal_entries: 3 statements since 10:02:11"]. */
    List<String> writesSinceCopy(Connection c) throws SQLException {
        List<String> writes = new ArrayList<>();
        String older = FerrySchema.exists(c, planSchema, OLDER_WRITES) ? " UNION ALL SELECT " + SqlNames.literal(
                planSchema) + ", table_name, at FROM " + SqlNames.qualified(planSchema, OLDER_WRITES) : "";
        try (Statement s = c.createStatement();
             var r = s.executeQuery("SELECT schema_name, table_name, count(*), min(at) FROM (SELECT schema_name,"
                     + " table_name, at FROM " + writes() + older + ") w GROUP BY 1, 2 ORDER BY 1, 2")) {
            while (r.next()) {
                writes.add(dev.ferry.store.postgres.TableInfo.display(r.getString(1), r.getString(2)) + ": "
                        + r.getLong(3) + " writing statement(s) since " + r.getTimestamp(4));
            }
        }
        return writes;
    }

    /** Removes the guards from the originals, so the backup (and a rolled-back table) carries nothing of Ferry's. */
    void disarm(Connection c, ConversionLayout layout, boolean originalsInBackup) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (ConvertedTable t : layout.tables()) {
                s.execute("DROP TRIGGER IF EXISTS " + WRITE_GUARD + " ON " + (originalsInBackup ? t.backup()
                        : t.original()));
            }
            dropOlderLog(s, c);
        }
    }

    /** An older version's write log in the plan's schema, once no guard trigger of a run it started calls it. */
    private void dropOlderLog(Statement s, Connection c) throws SQLException {
        if (!FerrySchema.exists(c, planSchema, OLDER_WRITES)) {
            return;
        }
        try (var r = s.executeQuery("SELECT count(*) FROM pg_trigger g JOIN pg_proc p ON p.oid = g.tgfoid JOIN"
                + " pg_namespace n ON n.oid = p.pronamespace WHERE p.proname = " + SqlNames.literal(OLDER_NOTE_WRITE)
                + " AND n.nspname = " + SqlNames.literal(planSchema))) {
            r.next();
            if (r.getLong(1) > 0) {
                return;
            }
        }
        s.execute("DROP FUNCTION IF EXISTS " + SqlNames.qualified(planSchema, OLDER_NOTE_WRITE) + "()");
        s.execute("DROP TABLE IF EXISTS " + SqlNames.qualified(planSchema, OLDER_WRITES));
    }
}
