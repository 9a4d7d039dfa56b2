package dev.ferry.engine.assess;

import dev.ferry.engine.AssessReport;
import dev.ferry.store.postgres.ColumnInfo;
import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.IndexInfo;
import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code assess} on PostgreSQL, for the console and the CLI alike: per table its exact row count beside the planner's
 * estimate, sizes, and each column as a "field" whose presence is its share of non-null values in a sample, typed by
 * its SQL type; the primary key, the foreign keys into and out of the table and its indexes as notes. Reads only.
 */
public final class TableInventory {

    private final PostgresStore store;

    public TableInventory(PostgresStore store) {
        this.store = store;
    }

    /** Every user table in every schema (see {@link UserTables}), named {@code schema.table} outside public. */
    public AssessReport assess(int sampleSize) throws SQLException {
        PostgresCatalog catalog = new PostgresCatalog(store.connection());
        UserTables user = UserTables.read(catalog);
        List<AssessReport.CollectionStats> tables = new ArrayList<>();
        for (TableInfo t : user.tables()) {
            tables.add(table(catalog, t, Math.max(1, sampleSize)));
        }
        return new AssessReport(store.databaseName(), Instant.now(), tables, user.skipped());
    }

    private AssessReport.CollectionStats table(PostgresCatalog catalog, TableInfo t, int sampleSize) throws SQLException {
        long rows = catalog.exactCount(t.schema(), t.name());
        StringBuilder sql = new StringBuilder("SELECT count(*), coalesce(avg(pg_column_size(s.*)), 0),"
                + " coalesce(max(pg_column_size(s.*)), 0)");
        for (ColumnInfo c : t.columns()) {
            sql.append(", count(s.").append(SqlNames.quote(c.name())).append(')');
        }
        sql.append(" FROM (SELECT * FROM ").append(t.qualified()).append(" LIMIT ?) s");
        List<AssessReport.FieldStats> fields = new ArrayList<>();
        long sampled;
        double avg;
        long max;
        try (PreparedStatement s = store.connection().prepareStatement(sql.toString())) {
            s.setInt(1, sampleSize);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                sampled = r.getLong(1);
                avg = r.getDouble(2);
                max = r.getLong(3);
                int i = 4;
                for (ColumnInfo c : t.columns()) {
                    long nonNull = r.getLong(i++);
                    fields.add(new AssessReport.FieldStats(c.name(), nonNull, sampled,
                            nonNull == 0 ? Map.of() : Map.of(c.type(), nonNull)));
                }
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add(t.primaryKey().isEmpty() ? "no primary key" : "primary key (" + String.join(", ", t.primaryKey()) + ")");
        for (ForeignKeyInfo fk : catalog.foreignKeysInto(t.oid())) {
            notes.add("referenced by " + TableInfo.display(fk.schema(), fk.table()) + "."
                    + String.join(", ", fk.columns()) + " → " + String.join(", ", fk.refColumns()) + " (" + fk.name()
                    + (fk.validated() ? "" : ", not validated") + ")");
        }
        for (ForeignKeyInfo fk : catalog.foreignKeysOf(t.oid())) {
            notes.add("references " + TableInfo.display(fk.refSchema(), fk.refTable()) + "."
                    + String.join(", ", fk.refColumns()) + " by " + String.join(", ", fk.columns()) + " (" + fk.name()
                    + ")");
        }
        List<IndexInfo> indexes = catalog.indexes(t.oid());
        for (IndexInfo i : indexes) {
            notes.add("index " + i.name() + (i.body() == null ? ": " + i.definition()
                    : (i.definition().startsWith("CREATE UNIQUE") ? " unique " : " ") + i.body()));
        }
        return new AssessReport.CollectionStats(t.display(), rows, sampled, avg, max, t.bytes(), indexes.size(), fields,
                notes, t.estimate());
    }
}
