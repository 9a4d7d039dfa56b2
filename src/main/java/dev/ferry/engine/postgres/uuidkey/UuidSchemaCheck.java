package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * validate_schema: reads every value that will become uuid, in every table the conversion touches whatever its primary
 * key, and reports, with the rows at fault, what PostgreSQL's uuid cast would refuse, what it would normalise,
 * references without a key behind a NOT VALID foreign key, and values that collide in a unique key once normalised.
 * The columns it lists are the columns the run converts. Reads only.
 */
final class UuidSchemaCheck {

    /** What uuid_in accepts: 32 hex digits, a hyphen allowed after any group of four, optionally in braces. */
    static final String VALID = "^(\\{[0-9a-fA-F]{4}(-?[0-9a-fA-F]{4}){7}\\}|[0-9a-fA-F]{4}(-?[0-9a-fA-F]{4}){7})$";

    private final Connection connection;
    private final UuidKeyPlan plan;
    private final Map<String, Boolean> allValid = new HashMap<>();

    UuidSchemaCheck(Connection connection, UuidKeyPlan plan) {
        this.connection = connection;
        this.plan = plan;
    }

    /** {@code unreadable}: tables row security hides rows of from Ferry (reported as blockers elsewhere). */
    SchemaReport check(ConversionLayout layout, Set<Long> unreadable) throws SQLException {
        List<SchemaReport.ColumnChange> changes = new ArrayList<>();
        Map<SchemaReport.ColumnChange, ForeignKeyInfo> declared = new HashMap<>();
        List<SchemaReport.BadRow> bad = new ArrayList<>();
        List<String> blockers = new ArrayList<>(layout.blockers());
        List<String> notes = new ArrayList<>();
        ConvertedTable key = layout.keyTable();
        if (!unreadable.isEmpty()) { // references are checked against the key table: all tables or none
            notes.add("The values were not checked: row security hides rows of " + layout.tables().stream()
                    .filter(t -> unreadable.contains(t.table().oid())).map(ConvertedTable::display).toList()
                    + " from Ferry (see above).");
            return new SchemaReport(plan.name(), changes, bad, blockers, notes);
        }
        for (ConvertedTable t : layout.tables()) {
            SchemaRows rows = new SchemaRows(connection, plan, t, bad);
            for (String column : t.columns()) {
                boolean isKey = t == key && column.equals(plan.column());
                ForeignKeyInfo fk = isKey ? null : reference(layout, t, column);
                SchemaReport.ColumnChange change = column(rows, t, column, isKey, fk, key);
                changes.add(change);
                if (fk != null) {
                    declared.put(change, fk);
                }
            }
            rows.duplicatesInUniqueKeys(changes, declared, allValid);
        }
        for (SchemaReport.ColumnChange c : changes) {
            String where = c.table() + "." + c.column();
            if (c.invalid() > 0) {
                blockers.add(count(c.invalid()) + " in " + where + " are not UUIDs (listed below). Fix or delete those"
                        + " rows, then run validate_schema again.");
            }
            if (c.orphans() > 0 && declared.containsKey(c)) {
                blockers.add(count(c.orphans()) + " in " + where + " reference no row of " + key.display() + " (listed"
                        + " below). Delete them, point them at an existing row or set them NULL, then run validate_schema"
                        + " again.");
            } else if (c.orphans() > 0) {
                notes.add(count(c.orphans()) + " in " + where + " match no row of " + key.display() + "; no foreign key"
                        + " checks them, so they are converted as they are.");
            }
            if (c.duplicates() > 0) {
                blockers.add(count(c.duplicates()) + " in " + where + " are one UUID spelt differently in a unique key"
                        + " (listed below); the uuid key would refuse them. Merge them first.");
            }
            if (c.normalised() > 0) {
                notes.add(count(c.normalised()) + " in " + where + " will be normalised (upper case, braces or missing"
                        + " hyphens become the canonical lower-case form); a rollback restores the original text.");
            }
            if (c.nulls() > 0 && !(key.display().equals(c.table()) && plan.column().equals(c.column()))) {
                notes.add(count(c.nulls()) + " in " + where + " are NULL (no reference) and stay NULL.");
            }
        }
        return new SchemaReport(plan.name(), changes, bad, blockers, notes);
    }

    private SchemaReport.ColumnChange column(SchemaRows rows, ConvertedTable t, String column, boolean isKey,
                                             ForeignKeyInfo fk, ConvertedTable key) throws SQLException {
        String table = t.original();
        String col = SqlNames.quote(column);
        long[] counts = fastCounts(table, col);
        boolean valid = counts != null;
        allValid.put(t.table().oid() + "." + column, valid);
        if (!valid) {
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
            rows.list("WHERE NOT " + valid(col), column, col, "not a UUID", VALID);
        }
        long orphans = 0;
        if (!isKey && (fk == null || !fk.validated())) {
            // A validated foreign key already guarantees a key for every value (text equal, so uuid equal too); a
            // NOT VALID one, or none (an also: column), can hide orphans. Both sides converted once, hash anti-joined.
            String refCol = SqlNames.quote(plan.column());
            String uuidOf = "CASE WHEN %s THEN %s::uuid END";
            String keyValues = "SELECT " + uuidOf.formatted(valid(refCol, allValid.getOrDefault(key.table().oid() + "."
                    + plan.column(), false)), refCol) + " AS u FROM " + key.original();
            String condition = "WHERE " + col + " IS NOT NULL AND " + valid(col, valid) + " AND NOT EXISTS (SELECT 1"
                    + " FROM (" + keyValues + ") k WHERE k.u = " + uuidOf.formatted(valid(col, valid), col) + ")";
            orphans = rows.count(condition, VALID, VALID, VALID);
            if (orphans > 0) {
                rows.list(condition, column, col, "references no " + key.display() + " row", VALID, VALID, VALID);
            }
        }
        String references = isKey ? null : fk == null ? "no foreign key (also:)" : fk.name() + " → " + key.display()
                + "." + plan.column() + (fk.validated() ? "" : " (NOT VALID)");
        return new SchemaReport.ColumnChange(t.display(), column, type, references, counts[0], counts[1], counts[3],
                counts[2], orphans, 0);
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

    private static ForeignKeyInfo reference(ConversionLayout layout, ConvertedTable t, String column) {
        return layout.keyReferences().stream().filter(fk -> fk.tableOid() == t.table().oid()
                && fk.columns().equals(List.of(column))).findFirst().orElse(null);
    }

    static String quotedColumns(List<String> columns) {
        return columns.stream().map(SqlNames::quote).collect(Collectors.joining(", "));
    }

    private static String count(long n) {
        return String.format("%,d %s", n, n == 1 ? "value" : "values");
    }
}
