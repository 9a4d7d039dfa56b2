package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * validate_schema: reads every value that will become uuid and reports, with the rows at fault, what PostgreSQL's
 * uuid cast would refuse, what it would normalise, references without a key, and keys that collide once normalised.
 * Reads only.
 */
final class UuidSchemaCheck {

    /** What uuid_in accepts: 32 hex digits, a hyphen allowed after any group of four, optionally in braces. */
    static final String VALID = "^(\\{[0-9a-fA-F]{4}(-?[0-9a-fA-F]{4}){7}\\}|[0-9a-fA-F]{4}(-?[0-9a-fA-F]{4}){7})$";
    static final String CANONICAL = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    private final Connection connection;
    private final UuidKeyPlan plan;
    private final java.util.Map<String, Boolean> allValid = new java.util.HashMap<>();

    UuidSchemaCheck(Connection connection, UuidKeyPlan plan) {
        this.connection = connection;
        this.plan = plan;
    }

    SchemaReport check(ConversionLayout layout) throws SQLException {
        List<SchemaReport.ColumnChange> changes = new ArrayList<>();
        List<SchemaReport.BadRow> bad = new ArrayList<>();
        List<String> blockers = new ArrayList<>(layout.blockers());
        List<String> notes = new ArrayList<>();
        ConvertedTable key = layout.keyTable();
        for (ConvertedTable t : layout.tables()) {
            if (t.table().primaryKey().size() != 1) {
                continue; // reported as a blocker by the layout; rows cannot be named without a key
            }
            for (String column : t.columns()) {
                boolean isKey = t == key && column.equals(plan.column());
                ForeignKeyInfo fk = isKey ? null : reference(layout, t, column);
                changes.add(column(t, column, fk, key, bad));
            }
        }
        for (SchemaReport.ColumnChange c : changes) {
            String where = c.table() + "." + c.column();
            if (c.invalid() > 0) {
                blockers.add(count(c.invalid()) + " in " + where + " are not UUIDs (listed below). Fix or delete those"
                        + " rows, then run validate_schema again.");
            }
            if (c.orphans() > 0) {
                blockers.add(count(c.orphans()) + " in " + where + " reference no row of " + plan.table() + " (listed"
                        + " below). Delete them, point them at an existing user or set them NULL, then run validate_schema again.");
            }
            if (c.duplicates() > 0) {
                blockers.add(count(c.duplicates()) + " in " + where + " are one UUID spelt differently (listed below);"
                        + " the uuid primary key would refuse them. Merge them first.");
            }
            if (c.normalised() > 0) {
                notes.add(count(c.normalised()) + " in " + where + " will be normalised (upper case, braces or missing"
                        + " hyphens become the canonical lower-case form); a rollback restores the original text.");
            }
            if (c.nulls() > 0 && c.references() != null) {
                notes.add(count(c.nulls()) + " in " + where + " are NULL (no reference) and stay NULL.");
            }
        }
        return new SchemaReport(plan.name(), changes, bad, blockers, notes);
    }

    private SchemaReport.ColumnChange column(ConvertedTable t, String column, ForeignKeyInfo fk, ConvertedTable key,
                                             List<SchemaReport.BadRow> bad) throws SQLException {
        String table = t.original();
        String col = SqlNames.quote(column);
        String pk = SqlNames.quote(t.table().primaryKey().get(0));
        long[] counts = fastCounts(table, col);
        boolean allValid = counts != null;
        this.allValid.put(t.table().oid() + "." + column, allValid);
        if (!allValid) {
            counts = new long[4];
            try (PreparedStatement s = connection.prepareStatement("SELECT count(*), count(*) FILTER (WHERE " + col
                    + " IS NULL), count(*) FILTER (WHERE NOT " + valid(col) + "), count(*) FILTER (WHERE NOT "
                    + canonical(col) + " AND " + col + " ~ ?) FROM " + table)) {
                s.setString(1, VALID);
                s.setString(2, VALID);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    for (int i = 0; i < 4; i++) {
                        counts[i] = r.getLong(i + 1);
                    }
                }
            }
        }
        String type = t.table().column(column).orElseThrow().type();
        if (counts[2] > 0) {
            rows(bad, t, "SELECT " + pk + "::text, " + col + " FROM " + table + " x WHERE NOT " + valid(col) + " ORDER BY x." + pk
                    + " LIMIT ?", column, "not a UUID", VALID);
        }
        long orphans = 0;
        long duplicates = 0;
        String uuidOf = "CASE WHEN %s THEN %s::uuid END";
        if (fk != null && !fk.validated()) {
            // A validated foreign key already guarantees a key for every value (text equal, so uuid equal too);
            // only a NOT VALID one can hide orphans. Both sides are converted once, then hash anti-joined.
            String ref = key.original();
            String refCol = SqlNames.quote(plan.column());
            String where = " FROM (SELECT " + pk + " AS pk, " + col + " AS v, " + uuidOf.formatted(valid(col, allValid), col)
                    + " AS u FROM " + table + " WHERE " + col + " IS NOT NULL AND " + valid(col, allValid) + ") r WHERE NOT EXISTS (SELECT 1 FROM (SELECT "
                    + uuidOf.formatted(valid(refCol, this.allValid.getOrDefault(key.table().oid() + "." + plan.column(),
                    false)), refCol) + " AS u FROM " + ref + ") k WHERE k.u = r.u)";
            orphans = single("SELECT count(*)" + where, VALID, VALID, VALID);
            if (orphans > 0) {
                rows(bad, t, "SELECT r.pk::text, r.v" + where + " ORDER BY r.pk LIMIT ?", column,
                        "references no " + plan.table() + " row", VALID, VALID, VALID);
            }
        } else if (fk == null && counts[3] > 0) {
            String normal = uuidOf.formatted(valid(col, allValid), col);
            String where = " FROM " + table + " x WHERE " + normal + " IN (SELECT " + normal + " FROM " + table
                    + " GROUP BY 1 HAVING count(*) > 1)";
            duplicates = single("SELECT count(*)" + where, VALID, VALID);
            if (duplicates > 0) {
                rows(bad, t, "SELECT " + pk + "::text, " + col + where + " ORDER BY " + normal + ", x." + pk + " LIMIT ?",
                        column, "same UUID as another key once normalised", VALID, VALID, VALID);
            }
        }
        String references = fk == null ? null : fk.name() + " → " + key.name() + "." + plan.column()
                + (fk.validated() ? "" : " (NOT VALID)");
        return new SchemaReport.ColumnChange(t.table().display(), column, type, references, counts[0], counts[1],
                counts[3], counts[2], orphans, duplicates);
    }

    /**
     * The canonical form tested with plain string functions: PostgreSQL's regex engine costs some 20 µs a value with
     * the bounded repetitions of {@link #VALID}, so the regex runs only for the rare value that is not canonical.
     */
    static String canonical(String col) {
        return "(length(" + col + ") = 36 AND translate(" + col + ", '0123456789abcdef', '') = '----' AND substr(" + col
                + ", 9, 1) = '-' AND substr(" + col + ", 14, 1) = '-' AND substr(" + col + ", 19, 1) = '-' AND substr("
                + col + ", 24, 1) = '-')";
    }

    /** Valid uuid input; binds one parameter ({@link #VALID}). */
    static String valid(String col) {
        return valid(col, false);
    }

    /** When the column is known to hold only valid values, the planner folds {@code true OR …} away: no regex runs. */
    static String valid(String col, boolean known) {
        return "(" + (known ? "true" : canonical(col)) + " OR " + col + " ~ ?)";
    }

    /**
     * {rows, nulls, invalid 0, normalised} by casting (fast, in C), or null when some value is not a UUID at all:
     * then the slower regex pass counts and lists them.
     */
    private long[] fastCounts(String table, String col) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT count(*), count(*) FILTER (WHERE " + col
                + " IS NULL), 0, count(*) FILTER (WHERE " + col + "::uuid::text <> " + col + ") FROM " + table);
             ResultSet r = s.executeQuery()) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2), 0, r.getLong(4)};
        } catch (SQLException e) {
            if ("22P02".equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    private ForeignKeyInfo reference(ConversionLayout layout, ConvertedTable t, String column) {
        return layout.keyReferences().stream().filter(fk -> fk.tableOid() == t.table().oid()
                && fk.columns().equals(List.of(column))).findFirst().orElseThrow();
    }

    private void rows(List<SchemaReport.BadRow> bad, ConvertedTable t, String sql, String column, String problem,
                      String... params) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            int i = 1;
            for (String p : params) {
                s.setString(i++, p);
            }
            s.setInt(i, plan.maxListedRows());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    bad.add(new SchemaReport.BadRow(t.table().display(), r.getString(1), column, r.getString(2), problem));
                }
            }
        }
    }

    private long single(String sql, String... params) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static String count(long n) {
        return String.format("%,d %s", n, n == 1 ? "value" : "values");
    }
}
