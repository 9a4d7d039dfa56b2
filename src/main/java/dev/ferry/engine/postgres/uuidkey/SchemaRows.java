package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * validate_schema's rows of one table: counted and listed under a condition, each named by its primary key (the
 * columns as a row, {@code (42,6ba7b810-…)}, when the key has several), or by its place in the heap when the table has
 * none; and the rows whose unique keys would collide once their converted columns are normalised.
 */
final class SchemaRows {

    private final Connection connection;
    private final UuidKeyPlan plan;
    private final ConvertedTable t;
    private final List<SchemaReport.BadRow> bad;
    private final String key;
    private final String order;

    SchemaRows(Connection connection, UuidKeyPlan plan, ConvertedTable t, List<SchemaReport.BadRow> bad) {
        this.connection = connection;
        this.plan = plan;
        this.t = t;
        this.bad = bad;
        List<String> pk = t.table().primaryKey();
        this.key = pk.isEmpty() ? "'row ' || x.ctid::text" : pk.size() == 1 ? "x." + SqlNames.quote(pk.get(0))
                + "::text" : "ROW(" + pk.stream().map(c -> "x." + SqlNames.quote(c)).collect(Collectors.joining(", "))
                + ")::text";
        this.order = pk.isEmpty() ? "x.ctid" : pk.stream().map(c -> "x." + SqlNames.quote(c))
                .collect(Collectors.joining(", "));
    }

    long count(String condition, String... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM " + t.original() + " x "
                + condition)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Lists the first rows under {@code condition} (which names the table {@code x}) as bad rows. */
    void list(String condition, String column, String value, String problem, String... parameters)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + key + ", x." + value + " FROM "
                + t.original() + " x " + condition + " ORDER BY " + order + " LIMIT ?")) {
            int i = 1;
            for (String p : parameters) {
                s.setString(i++, p);
            }
            s.setInt(i, plan.maxListedRows());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    bad.add(new SchemaReport.BadRow(t.display(), r.getString(1), column, r.getString(2), problem));
                }
            }
        }
    }

    /**
     * For each unique key of the table over plain columns that includes a converted column with values in another
     * spelling (which a validated foreign key cannot hold unless its key table does): rows equal once normalised.
     * Their count goes on the converted column's change, which is replaced in {@code changes}.
     */
    void duplicatesInUniqueKeys(List<SchemaReport.ColumnChange> changes, Map<SchemaReport.ColumnChange,
            ForeignKeyInfo> declared, Map<String, Boolean> allValid) throws SQLException {
        for (String[] unique : uniqueKeys()) {
            List<String> columns = Arrays.asList(unique).subList(1, unique.length);
            List<String> spelt = columns.stream().filter(c -> t.columns().contains(c)).filter(c -> changes.stream()
                    .anyMatch(ch -> ch.table().equals(t.display()) && ch.column().equals(c) && ch.normalised() > 0
                            && (declared.get(ch) == null || !declared.get(ch).validated()))).toList();
            if (spelt.isEmpty()) {
                continue;
            }
            List<String> parameters = new ArrayList<>();
            String normal = columns.stream().map(c -> {
                String col = SqlNames.quote(c);
                if (!t.columns().contains(c)) {
                    return col;
                }
                parameters.add(UuidSchemaCheck.VALID);
                return "CASE WHEN " + UuidSchemaCheck.valid(col, allValid.getOrDefault(t.table().oid() + "." + c, false))
                        + " THEN " + col + "::uuid END";
            }).collect(Collectors.joining(", "));
            String notNull = columns.stream().map(c -> "x." + SqlNames.quote(c) + " IS NOT NULL")
                    .collect(Collectors.joining(" AND "));
            String condition = "WHERE " + notNull + " AND (" + normal + ") IN"
                    + " (SELECT " + normal + " FROM " + t.original() + " GROUP BY " + java.util.stream.IntStream
                    .rangeClosed(1, columns.size()).mapToObj(String::valueOf).collect(Collectors.joining(", "))
                    + " HAVING count(*) > 1)";
            List<String> all = new ArrayList<>(parameters);
            all.addAll(parameters);
            String[] bound = all.toArray(new String[0]);
            long n = count(condition, bound);
            if (n == 0) {
                continue;
            }
            String column = spelt.get(0);
            list(condition, column, SqlNames.quote(column), "same UUID as another row's " + unique[0] + " once"
                    + " normalised", bound);
            for (int i = 0; i < changes.size(); i++) {
                SchemaReport.ColumnChange c = changes.get(i);
                if (c.table().equals(t.display()) && c.column().equals(column)) {
                    SchemaReport.ColumnChange counted = new SchemaReport.ColumnChange(c.table(), c.column(), c.typeNow(),
                            c.references(), c.rows(), c.nulls(), c.normalised(), c.invalid(), c.orphans(),
                            c.duplicates() + n);
                    ForeignKeyInfo fk = declared.remove(c);
                    if (fk != null) {
                        declared.put(counted, fk);
                    }
                    changes.set(i, counted);
                }
            }
        }
    }

    /** {name, column, …} of each unique index over plain columns, without a predicate. */
    private List<String[]> uniqueKeys() throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT coalesce(con.conname, ic.relname), array(SELECT"
                + " a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, p) JOIN pg_attribute a ON a.attrelid ="
                + " i.indrelid AND a.attnum = k.n ORDER BY k.p)::text[] FROM pg_index i JOIN pg_class ic ON ic.oid ="
                + " i.indexrelid LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid ="
                + " i.indrelid WHERE i.indrelid = ? AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL"
                + " ORDER BY 1")) {
            s.setLong(1, t.table().oid());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<String> row = new ArrayList<>();
                    row.add(r.getString(1));
                    row.addAll(Arrays.asList((String[]) r.getArray(2).getArray()));
                    out.add(row.toArray(new String[0]));
                }
            }
        }
        return out;
    }
}
