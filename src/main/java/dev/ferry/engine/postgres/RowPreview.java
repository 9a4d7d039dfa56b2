package dev.ferry.engine.postgres;

import dev.ferry.FerryException;
import dev.ferry.engine.PreviewReport;
import dev.ferry.store.Secrets;
import dev.ferry.store.postgres.BsonFromPostgres;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.PostgresTable;
import dev.ferry.store.postgres.SqlNames;
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
 * Rows of a table beside what an operation plan makes of them, the after-value computed by the server's own casts and
 * expressions, changing nothing: the previews of the uuid key conversion and the backfill are built from these.
 */
public final class RowPreview {

    /** The column the server computes the after-value into; not a name a plan can use (it starts with a space). */
    private static final String AFTER = " ferry after";

    private final PostgresStore store;

    public RowPreview(PostgresStore store) {
        this.store = store;
    }

    public PostgresStore store() {
        return store;
    }

    /**
     * Up to {@code limit} rows of the table with {@code afterSql} beside them; the target document is the row with
     * {@code column} set to that value (as text), or a field error when the value is null where the row had one.
     */
    public List<PreviewReport.Sample> rows(String schema, String table, String afterSql, String filter, int limit,
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
