package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A fingerprint of everything PostgreSQL keeps about one table, as lines of text: owner, storage and options, row
 * security, privileges, every column (position, type, default, identity, statistics target, options, comment,
 * privileges), constraints, indexes, policies, triggers, rules, extended statistics, publications, owned sequences,
 * security labels. Two tables are defined alike when their lines are equal. Expressions and names are printed with
 * {@code search_path} set to pg_catalog, so every table they mention is schema-qualified and the lines do not depend
 * on the session. Written apart from what carries a definition to a converted table, so that it checks that code
 * rather than repeat it.
 */
public final class TableDefinition {

    /** Ferry's write guard, on an original only while it is being copied: not part of the application's table. */
    private static final String FERRY_TRIGGERS = "ferry%";

    private final Connection connection;

    public TableDefinition(Connection connection) {
        this.connection = connection;
    }

    /** How a column's lines begin: {@code column 'name' }, the name as quote_literal prints it. */
    public static String columnPrefix(String column) {
        String escaped = column.replace("'", "''");
        return "column " + (column.contains("\\") ? "E'" + escaped.replace("\\", "\\\\") : "'" + escaped) + "' ";
    }

    /** The table's lines, in a fixed order. In the caller's transaction, or in one of its own when auto-committing. */
    public List<String> read(long oid) throws SQLException {
        return CatalogReads.qualified(connection, () -> {
            List<String> lines = new ArrayList<>();
            lines.addAll(TableDefinitionQueries.table(connection, oid));
            lines.addAll(TableDefinitionQueries.columns(connection, oid));
            lines.addAll(rows(oid, "constraint %s: %s%s%s", "SELECT conname, pg_get_constraintdef(oid),"
                    + " CASE WHEN connoinherit THEN ' NO INHERIT' ELSE '' END, coalesce(' comment '"
                    + " || quote_literal(obj_description(oid, 'pg_constraint')), '') FROM pg_constraint"
                    + " WHERE conrelid = ? ORDER BY conname"));
            lines.addAll(rows(oid, "index %s: %s%s%s%s%s", "SELECT ic.relname, pg_get_indexdef(i.indexrelid),"
                    + " CASE WHEN i.indisclustered THEN ' clustered' ELSE '' END, coalesce(' tablespace ' || ts.spcname,"
                    + " ''), coalesce(' comment ' || quote_literal(obj_description(ic.oid, 'pg_class')), ''),"
                    + " coalesce((SELECT ' statistics ' || string_agg(a.attnum || '=' || a.attstattarget, ',' ORDER BY"
                    + " a.attnum) FROM pg_attribute a WHERE a.attrelid = ic.oid AND a.attstattarget >= 0), '')"
                    + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid LEFT JOIN pg_tablespace ts"
                    + " ON ts.oid = ic.reltablespace WHERE i.indrelid = ? ORDER BY ic.relname"));
            lines.addAll(rows(oid, "policy %s: %s FOR %s TO %s USING %s WITH CHECK %s%s", "SELECT p.polname,"
                    + " CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END, p.polcmd,"
                    + " (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r) END, ','"
                    + " ORDER BY 1) FROM unnest(p.polroles) r), coalesce(pg_get_expr(p.polqual, p.polrelid), '-'),"
                    + " coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-'), coalesce(' comment '"
                    + " || quote_literal(obj_description(p.oid, 'pg_policy')), '') FROM pg_policy p"
                    + " WHERE p.polrelid = ? ORDER BY p.polname"));
            lines.addAll(rows(oid, "trigger %s: %s %s%s", "SELECT tgname, pg_get_triggerdef(oid), tgenabled,"
                    + " coalesce(' comment ' || quote_literal(obj_description(oid, 'pg_trigger')), '') FROM pg_trigger"
                    + " WHERE tgrelid = ? AND NOT tgisinternal AND tgname NOT LIKE '" + FERRY_TRIGGERS + "'"
                    + " ORDER BY tgname"));
            lines.addAll(rows(oid, "rule %s: %s %s", "SELECT rulename, pg_get_ruledef(oid), ev_enabled FROM pg_rewrite"
                    + " WHERE ev_class = ? AND rulename <> '_RETURN' ORDER BY rulename"));
            lines.addAll(rows(oid, "statistics %s: %s owner %s target %s%s", "SELECT s.stxnamespace::regnamespace"
                    + " || '.' || s.stxname, pg_get_statisticsobjdef(s.oid), pg_get_userbyid(s.stxowner),"
                    + " s.stxstattarget, coalesce(' comment ' || quote_literal(obj_description(s.oid,"
                    + " 'pg_statistic_ext')), '') FROM pg_statistic_ext s WHERE s.stxrelid = ? ORDER BY 1"));
            lines.addAll(rows(oid, "publication %s: where %s columns %s", "SELECT p.pubname,"
                    + " coalesce(pg_get_expr(r.prqual, r.prrelid), '-'), coalesce((SELECT string_agg(a.attname, ','"
                    + " ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = r.prrelid AND a.attnum = ANY"
                    + " (r.prattrs)), 'all') FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid"
                    + " WHERE r.prrelid = ? ORDER BY 1"));
            lines.addAll(rows(oid, "owned sequence %s: column %s owner %s%s", "SELECT s.oid::regclass::text,"
                    + " a.attname, pg_get_userbyid(s.relowner), coalesce(' comment ' || quote_literal("
                    + " obj_description(s.oid, 'pg_class')), '') FROM pg_depend d JOIN pg_class s ON s.oid = d.objid"
                    + " AND s.relkind = 'S' JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                    + " WHERE d.classid = 'pg_class'::regclass AND d.refobjid = ? AND d.deptype = 'a' ORDER BY 1"));
            lines.addAll(rows(oid, "security label %s: %s", "SELECT provider, label FROM pg_seclabel WHERE objoid = ?"
                    + " AND classoid = 'pg_class'::regclass ORDER BY provider, objsubid"));
            return lines;
        });
    }

    /** One line per result row: {@code format} filled with the row's columns as text. */
    private List<String> rows(long oid, String format, String sql) throws SQLException {
        return rows(connection, oid, format, sql);
    }

    static List<String> rows(Connection connection, long oid, String format, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, oid);
            try (ResultSet r = s.executeQuery()) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    Object[] values = new Object[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = r.getString(i + 1);
                    }
                    lines.add(String.format(format, values));
                }
            }
        }
        return lines;
    }
}
