package dev.ferry.store.postgres;

import dev.ferry.store.postgres.TableAttachments.ColumnAttachment;
import dev.ferry.store.postgres.TableAttachments.Grant;
import dev.ferry.store.postgres.TableAttachments.Named;
import dev.ferry.store.postgres.TableAttachments.Policy;
import dev.ferry.store.postgres.TableAttachments.PublicationMember;
import dev.ferry.store.postgres.TableAttachments.StatisticsObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The catalog queries behind {@link TableAttachments}; run with {@code search_path} set to pg_catalog. */
final class TableAttachmentQueries {

    /** aclexplode's rows in the ACL's order, as (grantor, grantee, privilege, grantable). */
    private static final String GRANTS = "SELECT pg_get_userbyid(x.grantor), CASE WHEN x.grantee = 0 THEN 'PUBLIC'"
            + " ELSE pg_get_userbyid(x.grantee) END, x.privilege_type, x.is_grantable FROM aclexplode(%s)"
            + " WITH ORDINALITY x(grantor, grantee, privilege_type, is_grantable, n) ORDER BY x.n";

    private TableAttachmentQueries() {
    }

    /** The table's own row in pg_class, before the lists that hang on it. */
    private record Table(String owner, String persistence, String tablespace, List<String> options,
                         List<String> toastOptions, String comment, boolean rowSecurity, boolean forced,
                         String replicaIdentity, long replicaIndex, long clusteredIndex) { }

    static TableAttachments read(Connection c, long oid) throws SQLException {
        Table t = CatalogReads.list(c, "SELECT pg_get_userbyid(c.relowner), c.relpersistence, ts.spcname,"
                + " c.reloptions, tc.reloptions, obj_description(c.oid, 'pg_class'), c.relrowsecurity,"
                + " c.relforcerowsecurity, c.relreplident, coalesce((SELECT i.indexrelid FROM pg_index i WHERE"
                + " i.indrelid = c.oid AND i.indisreplident), 0), coalesce((SELECT i.indexrelid FROM pg_index i WHERE"
                + " i.indrelid = c.oid AND i.indisclustered), 0) FROM pg_class c LEFT JOIN pg_class tc"
                + " ON tc.oid = c.reltoastrelid LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace WHERE c.oid = ?",
                oid, r -> new Table(r.getString(1), r.getString(2), r.getString(3), CatalogReads.strings(r, 4),
                        CatalogReads.strings(r, 5), r.getString(6), r.getBoolean(7), r.getBoolean(8), r.getString(9),
                        r.getLong(10), r.getLong(11))).get(0);
        return new TableAttachments(t.owner(), t.persistence(), t.tablespace(), t.options(), t.toastOptions(),
                t.comment(), t.rowSecurity(), t.forced(), t.replicaIdentity(), t.replicaIndex(), t.clusteredIndex(),
                grants(c, oid), columns(c, oid), policies(c, oid), publications(c, oid), statistics(c, oid),
                constraintComments(c, oid), indexComments(c, oid), notValidChecks(c, oid), defaults(c, oid));
    }

    /** The table's ACL as the server applies it: its default (the owner's privileges) when none was ever granted. */
    private static List<Grant> grants(Connection c, long oid) throws SQLException {
        return CatalogReads.list(c, String.format(GRANTS, "(SELECT coalesce(relacl, acldefault('r', relowner))"
                + " FROM pg_class WHERE oid = ?)"), oid, TableAttachmentQueries::grant);
    }

    private static Grant grant(java.sql.ResultSet r) throws SQLException {
        return new Grant(r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4));
    }

    private record Column(String name, int target, List<String> options, int number) { }

    private static List<ColumnAttachment> columns(Connection c, long oid) throws SQLException {
        List<Column> rows = CatalogReads.list(c, "SELECT attname, attstattarget, attoptions, attnum FROM pg_attribute"
                + " WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped ORDER BY attnum", oid,
                r -> new Column(r.getString(1), r.getInt(2), CatalogReads.strings(r, 3), r.getInt(4)));
        List<ColumnAttachment> columns = new java.util.ArrayList<>();
        for (Column row : rows) {
            List<Grant> grants = CatalogReads.list(c, String.format(GRANTS, "(SELECT attacl FROM pg_attribute WHERE"
                    + " attrelid = ? AND attnum = " + row.number() + ")"), oid, TableAttachmentQueries::grant);
            columns.add(new ColumnAttachment(row.name(), row.target(), row.options(), grants));
        }
        return columns;
    }

    private static List<Policy> policies(Connection c, long oid) throws SQLException {
        return CatalogReads.list(c, "SELECT polname, polpermissive, CASE polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN"
                + " 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END, array(SELECT CASE WHEN"
                + " r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r) END FROM unnest(polroles) r)::text[],"
                + " pg_get_expr(polqual, polrelid), pg_get_expr(polwithcheck, polrelid), obj_description(oid,"
                + " 'pg_policy') FROM pg_policy WHERE polrelid = ? ORDER BY polname", oid, r -> new Policy(r.getString(1),
                r.getBoolean(2), r.getString(3), CatalogReads.strings(r, 4), r.getString(5), r.getString(6),
                r.getString(7)));
    }

    private static List<PublicationMember> publications(Connection c, long oid) throws SQLException {
        return CatalogReads.list(c, "SELECT p.pubname, pg_get_expr(r.prqual, r.prrelid), CASE WHEN r.prattrs IS NULL"
                + " THEN NULL ELSE array(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = r.prrelid AND"
                + " a.attnum = ANY (r.prattrs) ORDER BY a.attnum)::text[] END FROM pg_publication_rel r JOIN"
                + " pg_publication p ON p.oid = r.prpubid WHERE r.prrelid = ? ORDER BY p.pubname", oid,
                r -> new PublicationMember(r.getString(1), r.getString(2),
                        r.getArray(3) == null ? null : CatalogReads.strings(r, 3)));
    }

    private static List<StatisticsObject> statistics(Connection c, long oid) throws SQLException {
        return CatalogReads.list(c, "SELECT s.oid, n.nspname, s.stxname, pg_get_statisticsobjdef_columns(s.oid),"
                + " array(SELECT k::text FROM unnest(s.stxkind) k WHERE k <> 'e')::text[], pg_get_userbyid(s.stxowner),"
                + " s.stxstattarget, obj_description(s.oid, 'pg_statistic_ext') FROM pg_statistic_ext s JOIN"
                + " pg_namespace n ON n.oid = s.stxnamespace WHERE s.stxrelid = ? ORDER BY s.stxname", oid,
                r -> new StatisticsObject(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                        CatalogReads.strings(r, 5).stream().map(TableAttachmentQueries::kind).toList(), r.getString(6),
                        r.getInt(7), r.getString(8)));
    }

    /** pg_statistic_ext.stxkind's letters as CREATE STATISTICS names them. */
    private static String kind(String letter) {
        return switch (letter) {
            case "d" -> "ndistinct";
            case "f" -> "dependencies";
            case "m" -> "mcv";
            default -> throw new IllegalStateException("unknown statistics kind " + letter);
        };
    }

    private static List<Named> constraintComments(Connection c, long oid) throws SQLException {
        return CatalogReads.list(c, "SELECT conname, contype::text, obj_description(oid, 'pg_constraint') FROM"
                + " pg_constraint WHERE conrelid = ? AND obj_description(oid, 'pg_constraint') IS NOT NULL"
                + " ORDER BY conname", oid, r -> new Named(r.getString(1), r.getString(2), r.getString(3)));
    }

    /** Index comments, named by the index's oid (the shadow's copy has another name until the swap). */
    private static List<Named> indexComments(Connection c, long oid) throws SQLException {
        return CatalogReads.list(c, "SELECT indexrelid::bigint::text, '', obj_description(indexrelid, 'pg_class')"
                + " FROM pg_index WHERE indrelid = ? AND obj_description(indexrelid, 'pg_class') IS NOT NULL"
                + " ORDER BY 1", oid, r -> new Named(r.getString(1), r.getString(2), r.getString(3)));
    }

    private static List<Named> defaults(Connection c, long oid) throws SQLException {
        return CatalogReads.list(c, "SELECT a.attname, pg_get_expr(d.adbin, d.adrelid), NULL FROM pg_attrdef d JOIN"
                + " pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = ? ORDER BY"
                + " a.attnum", oid, r -> new Named(r.getString(1), r.getString(2), r.getString(3)));
    }

    /** Check constraints that are NOT VALID: their definition without that clause, and their comment. */
    private static List<Named> notValidChecks(Connection c, long oid) throws SQLException {
        return CatalogReads.list(c, "SELECT conname, regexp_replace(pg_get_constraintdef(oid), ' NOT VALID$', ''),"
                + " obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conrelid = ? AND contype = 'c'"
                + " AND NOT convalidated ORDER BY conname", oid,
                r -> new Named(r.getString(1), r.getString(2), r.getString(3)));
    }
}
