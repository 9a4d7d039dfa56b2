package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.JournalTables;
import dev.ferry.store.postgres.MigrationLogTable;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Columns that probably hold the key without a foreign key (session and event tables often do): text columns of
 * user tables, outside the conversion, whose first values include the key's own. Only a sample is read (the first
 * {@value #SAMPLE} non-NULL values of each column, each looked up in the key's index), so this is a hint for the dry
 * run, not a proof: the operator adds the column to {@code also:} or leaves it knowingly.
 */
final class ProbableReferences {

    static final int SAMPLE = 200;

    private final Connection connection;
    private final UuidKeyPlan plan;

    ProbableReferences(Connection connection, UuidKeyPlan plan) {
        this.connection = connection;
        this.plan = plan;
    }

    List<SchemaReport.ProbableReference> find(ConversionLayout layout) throws SQLException {
        Set<String> skipped = layout.tables().stream().map(ConvertedTable::backupSchema).collect(Collectors.toSet());
        skipped.add(JournalTables.FERRY_SCHEMA);
        List<SchemaReport.ProbableReference> found = new ArrayList<>();
        ConvertedTable key = layout.keyTable();
        for (String[] c : candidates()) {
            String schema = c[0];
            String table = c[1];
            String column = c[2];
            boolean converted = layout.table(schema, table).map(t -> t.columns().contains(column)).orElse(false);
            if (skipped.contains(schema) || converted || table.startsWith("ferry_")
                    || (schema.equals(plan.schema()) && table.equals(MigrationLogTable.TABLE))) {
                continue;
            }
            String col = SqlNames.quote(column);
            try (PreparedStatement s = connection.prepareStatement("SELECT count(*), count(*) FILTER (WHERE EXISTS"
                    + " (SELECT 1 FROM " + key.original() + " k WHERE k." + SqlNames.quote(plan.column()) + " = v.v))"
                    + " FROM (SELECT " + col + "::text AS v FROM " + SqlNames.qualified(schema, table) + " WHERE " + col
                    + " IS NOT NULL LIMIT " + SAMPLE + ") v");
                 ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getLong(2) > 0) { // (a table row security hides from Ferry fails: see below)
                    found.add(new SchemaReport.ProbableReference(TableInfo.display(schema, table), column, c[3],
                            r.getLong(1), r.getLong(2), schema.equals(plan.schema()) ? table + "." + column
                            : schema + "." + table + "." + column));
                }
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState())) { // row security or no right to read: no hint to give there
                    throw e;
                }
            }
        }
        return found;
    }

    /** {schema, table, column, type} of every text column long enough for a UUID, in user tables. */
    private List<String[]> candidates() throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT n.nspname, c.relname, a.attname,"
                + " format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND a.attnum > 0"
                + " AND NOT a.attisdropped AND a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype)"
                + " AND (a.atttypmod < 0 OR a.atttypmod - 4 >= 32) AND n.nspname !~ '^pg_' AND n.nspname <>"
                + " 'information_schema' ORDER BY 1, 2, a.attnum");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)});
            }
        }
        return out;
    }
}
