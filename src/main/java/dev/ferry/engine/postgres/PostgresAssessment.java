package dev.ferry.engine.postgres;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import dev.ferry.store.postgres.IndexInfo;
import dev.ferry.store.postgres.MigrationLogTable;
import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.TableInfo;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the catalog (and exact counts) of every table in a schema for {@code assess}. Reads only. */
public final class PostgresAssessment {

    private final PostgresStore store;

    public PostgresAssessment(PostgresStore store) {
        this.store = store;
    }

    /** Ferry's journal and migration_log: never assessed (a reader is told they were left out). */
    static boolean ferrysOwn(TableInfo t) {
        return t.name().startsWith("ferry_") || t.name().equals(MigrationLogTable.TABLE);
    }

    public PostgresAssessReport assess(String schema) {
        PostgresCatalog catalog = new PostgresCatalog(store.connection());
        List<PostgresAssessReport.Table> tables = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try {
            for (TableInfo t : catalog.tables(schema)) {
                if (ferrysOwn(t)) {
                    skipped.add(t.name());
                    continue;
                }
                tables.add(new PostgresAssessReport.Table(t.schema(), t.name(), catalog.exactCount(t.schema(), t.name()),
                        t.estimate(), t.bytes(), t.primaryKey(),
                        t.columns().stream().map(c -> c.name() + " " + c.type()).toList(),
                        catalog.indexes(t.oid()).stream().map(IndexInfo::definition).toList(),
                        catalog.foreignKeysInto(t.oid()).stream().map(fk -> fk.table() + "." + String.join(",",
                                fk.columns()) + " → " + String.join(",", fk.refColumns()) + " (" + fk.name() + ")").toList()));
            }
        } catch (SQLException e) {
            throw new FerryException("Could not read the catalog of " + store.displayUri() + ": "
                    + Secrets.redact(e.getMessage()), e);
        }
        return new PostgresAssessReport(store.databaseName() + "." + schema, Instant.now(), tables, skipped);
    }
}
