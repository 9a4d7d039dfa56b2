package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The table's own lines and its columns' for {@link TableDefinition}. A column's lines each start with
 * {@code column 'name' } (the name as an SQL literal, see {@link TableDefinition#columnPrefix}), then what they are
 * about ({@code type}, {@code default}, …), so that a comparison can let the converted columns' types differ and
 * nothing else.
 */
final class TableDefinitionQueries {

    private TableDefinitionQueries() {
    }

    static List<String> table(Connection c, long oid) throws SQLException {
        List<String> lines = new ArrayList<>();
        lines.addAll(TableDefinition.rows(c, oid, "table: kind %s persistence %s access method %s tablespace %s%s%s",
                "SELECT c.relkind, c.relpersistence, coalesce(am.amname, '-'), coalesce(ts.spcname, 'default'),"
                        + " CASE WHEN c.reloftype <> 0 THEN ' of type ' || c.reloftype::regtype::text ELSE '' END,"
                        + " coalesce((SELECT ' inherits ' || string_agg(i.inhparent::regclass::text, ',' ORDER BY"
                        + " i.inhseqno) FROM pg_inherits i WHERE i.inhrelid = c.oid), '') FROM pg_class c LEFT JOIN"
                        + " pg_am am ON am.oid = c.relam LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace"
                        + " WHERE c.oid = ?"));
        lines.addAll(TableDefinition.rows(c, oid, "table owner: %s", "SELECT pg_get_userbyid(relowner) FROM pg_class"
                + " WHERE oid = ?"));
        lines.addAll(TableDefinition.rows(c, oid, "table options: %s", "SELECT coalesce((SELECT string_agg(o, ','"
                + " ORDER BY o) FROM unnest(reloptions) o), '-') FROM pg_class WHERE oid = ?"));
        lines.addAll(TableDefinition.rows(c, oid, "table toast options: %s", "SELECT coalesce((SELECT string_agg(o, ','"
                + " ORDER BY o) FROM unnest(t.reloptions) o), '-') FROM pg_class c LEFT JOIN pg_class t"
                + " ON t.oid = c.reltoastrelid WHERE c.oid = ?"));
        lines.addAll(TableDefinition.rows(c, oid, "table row security: enabled %s forced %s", "SELECT relrowsecurity,"
                + " relforcerowsecurity FROM pg_class WHERE oid = ?"));
        lines.addAll(TableDefinition.rows(c, oid, "table replica identity: %s%s", "SELECT c.relreplident,"
                + " coalesce((SELECT ' using ' || ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                + " WHERE i.indrelid = c.oid AND i.indisreplident), '') FROM pg_class c WHERE c.oid = ?"));
        lines.addAll(TableDefinition.rows(c, oid, "table comment: %s", "SELECT coalesce(quote_literal("
                + " obj_description(c.oid, 'pg_class')), '-') FROM pg_class c WHERE c.oid = ?"));
        lines.addAll(TableDefinition.rows(c, oid, "table grant %s to %s by %s%s", "SELECT a.privilege_type,"
                + " CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,"
                + " pg_get_userbyid(a.grantor), CASE WHEN a.is_grantable THEN ' with grant option' ELSE '' END"
                + " FROM pg_class c CROSS JOIN LATERAL aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a"
                + " WHERE c.oid = ? ORDER BY 2, 1, 3"));
        return lines;
    }

    static List<String> columns(Connection c, long oid) throws SQLException {
        String from = " FROM pg_attribute a WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped";
        List<String> lines = new ArrayList<>();
        lines.addAll(TableDefinition.rows(c, oid, "column %s position: %s", "SELECT quote_literal(a.attname), row_number() OVER"
                + " (ORDER BY a.attnum)" + from + " ORDER BY a.attnum"));
        lines.addAll(TableDefinition.rows(c, oid, "column %s type: %s", "SELECT quote_literal(a.attname),"
                + " format_type(a.atttypid, a.atttypmod)" + from + " ORDER BY a.attnum"));
        lines.addAll(TableDefinition.rows(c, oid, "column %s collation: %s", "SELECT quote_literal(a.attname), coalesce((SELECT"
                + " co.collname FROM pg_collation co WHERE co.oid = a.attcollation), '-')" + from + " ORDER BY a.attnum"));
        lines.addAll(TableDefinition.rows(c, oid, "column %s storage: %s compression %s", "SELECT quote_literal(a.attname),"
                + " a.attstorage, coalesce(nullif(a.attcompression, ''), '-')" + from + " ORDER BY a.attnum"));
        lines.addAll(TableDefinition.rows(c, oid, "column %s default: %s", "SELECT quote_literal(a.attname), coalesce((SELECT"
                + " pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d WHERE d.adrelid = a.attrelid AND d.adnum ="
                + " a.attnum), '-')" + from + " ORDER BY a.attnum"));
        lines.addAll(TableDefinition.rows(c, oid, "column %s: not null %s identity %s generated %s statistics %s"
                + " options %s comment %s", "SELECT quote_literal(a.attname), a.attnotnull, coalesce(nullif(a.attidentity, ''), '-'),"
                + " coalesce(nullif(a.attgenerated, ''), '-'), a.attstattarget, coalesce((SELECT string_agg(o, ','"
                + " ORDER BY o) FROM unnest(a.attoptions) o), '-'), coalesce(quote_literal(col_description(a.attrelid,"
                + " a.attnum)), '-')" + from + " ORDER BY a.attnum"));
        lines.addAll(TableDefinition.rows(c, oid, "column %s identity sequence: %s start %s increment %s min %s max %s"
                + " cache %s cycle %s owner %s", "SELECT quote_literal(a.attname), s.seqrelid::regclass::text, s.seqstart,"
                + " s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, pg_get_userbyid(sc.relowner)"
                + " FROM pg_attribute a JOIN pg_depend d ON d.refobjid = a.attrelid AND d.refobjsubid = a.attnum"
                + " AND d.classid = 'pg_class'::regclass AND d.deptype = 'i' JOIN pg_sequence s ON s.seqrelid = d.objid"
                + " JOIN pg_class sc ON sc.oid = s.seqrelid WHERE a.attrelid = ? AND a.attidentity <> ''"
                + " ORDER BY a.attnum"));
        lines.addAll(TableDefinition.rows(c, oid, "column %s grant %s to %s by %s%s", "SELECT quote_literal(a.attname),"
                + " x.privilege_type, CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END,"
                + " pg_get_userbyid(x.grantor), CASE WHEN x.is_grantable THEN ' with grant option' ELSE '' END"
                + " FROM pg_attribute a CROSS JOIN LATERAL aclexplode(a.attacl) x WHERE a.attrelid = ? AND a.attnum > 0"
                + " AND NOT a.attisdropped ORDER BY 1, 3, 2, 4"));
        return lines;
    }
}
