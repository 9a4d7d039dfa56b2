package dev.ferry.engine.postgres;

import dev.ferry.FerryException;
import dev.ferry.engine.PreviewReport;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.plan.PostgresPlan;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.Secrets;
import dev.ferry.store.postgres.BsonFromPostgres;
import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.PostgresTable;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableInfo;
import dev.ferry.transform.FieldError;
import dev.ferry.transform.MappedRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;

/**
 * Rows beside what the plan makes of them, read with the server's own casts and expressions, changing nothing. A
 * uuid key conversion shows the key table's rows that are not UUIDs first, then others, then rows of each table that
 * references the key (found in the catalog); a backfill shows rows its filter selects with the expression's value.
 */
final class OperationPreview {

    /** The column the server computes the after-value into; not a name a plan can use (it starts with a space). */
    private static final String AFTER = " ferry after";
    private static final int BAD_FIRST = 5;
    /** The pattern validate_schema accepts as a UUID, as an SQL string literal (it is Ferry's own text). */
    private static final String VALID = "'" + UuidSchemaCheck.VALID.replace("'", "''") + "'";

    private final PostgresStore store;

    OperationPreview(PostgresStore store) {
        this.store = store;
    }

    PreviewReport preview(PostgresPlan plan, int samples) throws SQLException {
        List<PreviewReport.Sample> out = new ArrayList<>();
        if (plan instanceof UuidKeyPlan uuid) {
            TableInfo keyTable = new PostgresCatalog(store.connection()).table(uuid.schema(), uuid.table())
                    .orElseThrow(() -> new FerryException("There is no table " + uuid.schema() + "." + uuid.table()
                            + " in " + store.displayUri() + ". Check `table:` in " + uuid.file() + "."));
            int perReference = Math.max(3, samples / 4);
            out.addAll(uuidRows(uuid.schema(), uuid.table(), uuid.column(), samples, true));
            for (ForeignKeyInfo fk : new PostgresCatalog(store.connection()).foreignKeysInto(keyTable.oid())) {
                if (fk.columns().size() == 1 && fk.refColumns().equals(List.of(uuid.column()))) {
                    out.addAll(uuidRows(fk.schema(), fk.table(), fk.columns().get(0), perReference, false));
                }
            }
        } else {
            out.addAll(backfillRows((ColumnBackfillPlan) plan, samples));
        }
        return new PreviewReport(plan.name(), out);
    }

    /** The rows that are not UUIDs first (when {@code badFirst}), then the first rows of the table. */
    private List<PreviewReport.Sample> uuidRows(String schema, String table, String column, int limit, boolean badFirst)
            throws SQLException {
        String quoted = SqlNames.quote(column);
        String after = "CASE WHEN " + quoted + " ~ " + VALID + " THEN " + quoted + "::uuid::text END";
        List<PreviewReport.Sample> out = new ArrayList<>();
        if (badFirst) {
            out.addAll(rows(schema, table, after, quoted + " IS NOT NULL AND " + quoted + " !~ " + VALID,
                    Math.min(BAD_FIRST, limit), column, "uuid"));
        }
        out.addAll(rows(schema, table, after, null, limit - out.size(), column, "uuid"));
        return out;
    }

    private List<PreviewReport.Sample> backfillRows(ColumnBackfillPlan plan, int limit) throws SQLException {
        ColumnBackfillPlan.Backfill b = plan.backfill();
        if (b == null) {
            return rows(plan.schema(), plan.table(), "NULL", null, limit, null, null);
        }
        return rows(plan.schema(), plan.table(), "(" + b.expression() + ")::text", b.filter(), limit, b.column(),
                "backfill");
    }

    /**
     * Up to {@code limit} rows of the table with {@code afterSql} beside them; the target document is the row with
     * {@code column} set to that value (as text), or a field error when the value is null where the row had one.
     */
    private List<PreviewReport.Sample> rows(String schema, String table, String afterSql, String filter, int limit,
                                            String column, String what) throws SQLException {
        List<PreviewReport.Sample> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        PostgresTable shape = PostgresTable.read(store.connection(), schema + "." + table);
        List<PostgresTable.Column> columns = shape.columns();
        String sql = "SELECT t.*, " + afterSql + " AS " + SqlNames.quote(AFTER) + " FROM " + shape.qualified() + " t"
                + (filter == null ? "" : " WHERE (" + filter + ")") + " LIMIT ?";
        try (PreparedStatement s = store.connection().prepareStatement(sql)) {
            s.setInt(1, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Document source = new Document();
                    for (int i = 0; i < columns.size(); i++) {
                        source.append(columns.get(i).name(), shown(BsonFromPostgres.column(r, i + 1, columns.get(i))));
                    }
                    out.add(sample(table, source, column, r.getString(columns.size() + 1), what));
                }
            }
        } catch (SQLException e) {
            throw new FerryException("Could not preview " + table + " (" + Secrets.redact(e.getMessage()) + ")."
                    + (what != null && what.equals("backfill") ? " Check the backfill's expression and filter." : ""), e);
        }
        return out;
    }

    private static PreviewReport.Sample sample(String table, Document source, String column, String after, String what) {
        Document target = new Document(source);
        List<FieldError> errors = new ArrayList<>();
        if (column != null) {
            Object before = source.get(column);
            target.put(column, after);
            if (after == null && before != null && "uuid".equals(what)) {
                errors.add(new FieldError(table, column, "'" + before + "' is not a UUID: validate_schema lists it and"
                        + " the conversion refuses to start until it is fixed or deleted"));
            }
        }
        Object key = source.isEmpty() ? null : source.values().iterator().next();
        return new PreviewReport.Sample(source, new MappedRecord(key, Map.of(table, target), errors));
    }

    /** Values as the console's JSON panes can print them (UUIDs as their text). */
    private static Object shown(Object value) {
        return value instanceof UUID u ? u.toString() : value;
    }
}
