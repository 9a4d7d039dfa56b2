package dev.ferry.engine.assess;

import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.JournalTables;
import dev.ferry.store.postgres.MigrationLogTable;
import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.TableInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables {@code assess} looks at: every table of every user schema (a plan may name any {@code schema:}), Ferry's
 * own apart. Ferry's own are its schema {@code ferry}, an older version's journal and migration_log in whichever schema
 * a plan put them, and the default backup schemas, which hold the originals of a conversion rather than data to
 * migrate.
 *
 * @param skipped Ferry's own tables by display name ({@code ferry_pg_runs}, {@code crm.migration_log}), so a reader
 *                knows they were left out
 */
record UserTables(List<TableInfo> tables, List<String> skipped) {

    UserTables {
        tables = List.copyOf(tables);
        skipped = List.copyOf(skipped);
    }

    static UserTables read(PostgresCatalog catalog) throws SQLException {
        List<TableInfo> tables = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String schema : catalog.userSchemas()) {
            if (ferrysOwnSchema(schema)) {
                continue;
            }
            for (TableInfo t : catalog.tables(schema)) {
                if (ferrysOwn(t)) {
                    skipped.add(t.display());
                } else {
                    tables.add(t);
                }
            }
        }
        return new UserTables(tables, skipped);
    }

    /** Ferry's journal and migration_log: never assessed. */
    static boolean ferrysOwn(TableInfo t) {
        return t.name().startsWith("ferry_") || t.name().equals(MigrationLogTable.TABLE);
    }

    /** Ferry's schema (its journals), its dry runs' scratch schemas, and the conversion's default backup schemas. */
    static boolean ferrysOwnSchema(String schema) {
        return schema.equals(JournalTables.FERRY_SCHEMA) || schema.equals(UuidKeyPlan.DEFAULT_BACKUP_SCHEMA)
                || schema.startsWith(UuidKeyPlan.DEFAULT_BACKUP_SCHEMA + "_")
                || schema.startsWith("ferry_dry_run_scratch_");
    }
}
