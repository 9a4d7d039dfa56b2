package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What hangs on a table that a copy of it would not take along: triggers, rules, views and any other object that
 * depends on the table or its row type, and shapes a plain copy cannot have (partitions, inheritance, typed tables).
 * Reads only.
 */
public final class TableDependents {

    private final Connection connection;

    public TableDependents(Connection connection) {
        this.connection = connection;
    }

    /** Names of user triggers (not Ferry's own, not internal constraint triggers) on the table. */
    public List<String> userTriggers(long tableOid) throws SQLException {
        return strings("SELECT tgname FROM pg_trigger WHERE tgrelid = ? AND NOT tgisinternal"
                + " AND tgname NOT LIKE 'ferry%' ORDER BY tgname", tableOid);
    }

    /** Views and materialized views that read the table (they would keep reading the original after a swap). */
    public List<String> dependentViews(long tableOid) throws SQLException {
        return strings("SELECT DISTINCT v.oid::regclass::text FROM pg_depend d JOIN pg_rewrite w ON w.oid = d.objid"
                + " JOIN pg_class v ON v.oid = w.ev_class WHERE d.classid = 'pg_rewrite'::regclass"
                + " AND d.refobjid = ? AND v.oid <> d.refobjid ORDER BY 1", tableOid);
    }

    /**
     * Why the table cannot be copied into a plain table of the same definition, if it cannot: a partitioned table or
     * partition, a table with inheritance parents or children, a typed table ({@code OF type}); empty otherwise.
     */
    public Optional<String> shapeOtherThanPlain(long tableOid) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT CASE WHEN c.relkind = 'p' THEN 'is partitioned'"
                + " WHEN c.relispartition THEN 'is a partition' WHEN EXISTS (SELECT 1 FROM pg_inherits i WHERE"
                + " i.inhrelid = c.oid) THEN 'inherits from another table' WHEN EXISTS (SELECT 1 FROM pg_inherits i"
                + " WHERE i.inhparent = c.oid) THEN 'has tables that inherit from it' WHEN c.reloftype <> 0 THEN"
                + " 'is a typed table (OF ' || c.reloftype::regtype || ')' END FROM pg_class c WHERE c.oid = ?")) {
            s.setLong(1, tableOid);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Rules on the table other than a view's (pg_dump prints them; a swap would leave them on the original). */
    public List<String> rules(long tableOid) throws SQLException {
        return strings("SELECT rulename FROM pg_rewrite WHERE ev_class = ? AND rulename <> '_RETURN' ORDER BY 1",
                tableOid);
    }

    /**
     * Objects that depend on the table or its row type and do not belong to one of the tables {@code inside} (their
     * indexes, constraints, defaults, policies, statistics, publication entries, triggers, sequences): functions that
     * take its row type, policies of other tables that read it, columns of its row type, and (unless
     * {@code onlyUnlisted}) views, rules and foreign keys of other tables, which callers may report apart. Described
     * as {@code pg_describe_object} does ("function f(users)").
     */
    public List<String> dependentsOutside(long tableOid, java.util.Collection<Long> inside, boolean onlyUnlisted)
            throws SQLException {
        String owner = "CASE d.classid"
                + " WHEN 'pg_class'::regclass THEN coalesce((SELECT i.indrelid FROM pg_index i WHERE i.indexrelid ="
                + "  d.objid), (SELECT CASE WHEN k.relkind IN ('S', 't') THEN d.refobjid ELSE k.oid END FROM pg_class k"
                + "  WHERE k.oid = d.objid))"
                + " WHEN 'pg_constraint'::regclass THEN (SELECT conrelid FROM pg_constraint WHERE oid = d.objid)"
                + " WHEN 'pg_attrdef'::regclass THEN (SELECT adrelid FROM pg_attrdef WHERE oid = d.objid)"
                + " WHEN 'pg_policy'::regclass THEN (SELECT polrelid FROM pg_policy WHERE oid = d.objid)"
                + " WHEN 'pg_statistic_ext'::regclass THEN (SELECT stxrelid FROM pg_statistic_ext WHERE oid = d.objid)"
                + " WHEN 'pg_publication_rel'::regclass THEN (SELECT prrelid FROM pg_publication_rel WHERE oid = d.objid)"
                + " WHEN 'pg_trigger'::regclass THEN (SELECT tgrelid FROM pg_trigger WHERE oid = d.objid)"
                + " WHEN 'pg_rewrite'::regclass THEN (SELECT ev_class FROM pg_rewrite WHERE oid = d.objid)"
                + " WHEN 'pg_type'::regclass THEN (SELECT typrelid FROM pg_type WHERE oid = d.objid)"
                + " ELSE 0 END";
        String unlisted = onlyUnlisted ? " AND d.classid <> 'pg_rewrite'::regclass AND NOT (d.classid ="
                + " 'pg_constraint'::regclass AND (SELECT contype FROM pg_constraint WHERE oid = d.objid) = 'f')" : "";
        // A view depends through its _RETURN rule: named as the view.
        String sql = "SELECT DISTINCT CASE WHEN d.classid = 'pg_rewrite'::regclass THEN (SELECT"
                + " pg_describe_object('pg_class'::regclass, w.ev_class, 0) FROM pg_rewrite w WHERE w.oid = d.objid AND"
                + " w.rulename = '_RETURN') END, pg_describe_object(d.classid, d.objid, 0) FROM pg_depend d WHERE d.deptype IN"
                + " ('n', 'a') AND ((d.refclassid = 'pg_class'::regclass AND d.refobjid = ?) OR (d.refclassid ="
                + " 'pg_type'::regclass AND d.refobjid = (SELECT reltype FROM pg_class WHERE oid = ?)))"
                + " AND NOT coalesce(" + owner + ", 0) = ANY (?::oid[])" + unlisted + " ORDER BY 1, 2";
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, tableOid);
            s.setLong(2, tableOid);
            s.setString(3, "{" + inside.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                    + "}");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String described = r.getString(1) != null ? r.getString(1) : r.getString(2);
                    if (!out.contains(described)) {
                        out.add(described);
                    }
                }
            }
        }
        return out;
    }

    private List<String> strings(String sql, long oid) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, oid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    values.add(r.getString(1));
                }
            }
        }
        return values;
    }
}
