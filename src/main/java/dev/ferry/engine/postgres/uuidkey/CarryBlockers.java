package dev.ferry.engine.postgres.uuidkey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What keeps Ferry, connected as it is, from making each converted table the same table as its original, found before
 * anything changes: a role that cannot give the copy the original's owner (or its statistics objects theirs), row
 * security that would hide rows from Ferry, publications of whole schemas that would publish the copies while they
 * fill, security labels, and schemas Ferry may not create tables in. Each said with what to do.
 */
final class CarryBlockers {

    private final Connection connection;
    private final Set<Long> unreadable = new HashSet<>();

    CarryBlockers(Connection connection) {
        this.connection = connection;
    }

    /** Tables whose rows row security hides from Ferry: their values cannot be checked either. */
    Set<Long> unreadable() {
        return unreadable;
    }

    List<String> of(ConversionLayout layout) throws SQLException {
        List<String> found = new ArrayList<>();
        String me = single("SELECT current_user", null);
        for (ConvertedTable t : layout.tables()) {
            long oid = t.table().oid();
            String owner = t.table().owner();
            if (!"t".equals(single("SELECT pg_has_role(current_user, c.relowner, 'MEMBER') FROM pg_class c"
                    + " WHERE c.oid = ?", oid))) {
                found.add("Table " + t.display() + " belongs to role " + owner + "; Ferry connects as " + me + ", which"
                        + " is not " + owner + ", a member of it or a superuser, so it could not give the converted"
                        + " table that owner (nor move the original). Connect as " + owner + " or as a superuser.");
            }
            if ("t".equals(single("SELECT c.relrowsecurity AND NOT (r.rolsuper OR r.rolbypassrls) AND"
                    + " (c.relforcerowsecurity OR NOT pg_has_role(current_user, c.relowner, 'USAGE')) FROM pg_class c,"
                    + " pg_roles r WHERE c.oid = ? AND r.rolname = current_user", oid))) {
                unreadable.add(oid);
                found.add("Table " + t.display() + " has row security " + ("t".equals(single("SELECT"
                        + " relforcerowsecurity FROM pg_class WHERE oid = ?", oid)) ? "forced on its owner" : "on")
                        + ", which would show Ferry (connected as " + me + ") only the rows its policies allow: it must"
                        + " copy and count every row. Connect as a superuser or a role with BYPASSRLS.");
            }
            for (String publication : strings("SELECT p.pubname FROM pg_publication p WHERE p.puballtables UNION"
                    + " SELECT p.pubname FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid"
                    + " JOIN pg_class c ON c.relnamespace = pn.pnnspid WHERE c.oid = ? ORDER BY 1", oid)) {
                found.add("Publication " + publication + " publishes every table of " + t.table().schema() + ", so"
                        + " Ferry's copy of " + t.display() + " would be published while it fills, and subscribers that"
                        + " lack it would stop. Take the schema (or all tables) out of the publication for the"
                        + " conversion and put it back after, or convert with the subscribers paused.");
            }
            if (!strings("SELECT provider FROM pg_seclabel WHERE objoid = ? AND classoid = 'pg_class'::regclass", oid)
                    .isEmpty()) {
                found.add("Table " + t.display() + " has security labels, which Ferry does not carry to the converted"
                        + " table. Remove them before the conversion and label the table again after.");
            }
            for (String stats : strings("SELECT s.stxname || ' (owner ' || pg_get_userbyid(s.stxowner) || ')' FROM"
                    + " pg_statistic_ext s WHERE s.stxrelid = ? AND NOT pg_has_role(current_user, s.stxowner,"
                    + " 'MEMBER')", oid)) {
                found.add("The extended statistics " + stats + " on " + t.display() + " belong to a role Ferry (" + me
                        + ") is not a member of, so it could not give the copy's statistics that owner. Connect as that"
                        + " role or a superuser.");
            }
            if (!"t".equals(single("SELECT has_schema_privilege(c.relnamespace, 'CREATE') FROM pg_class c WHERE"
                    + " c.oid = ?", oid))) {
                found.add("Ferry (" + me + ") may not create tables in schema " + t.table().schema() + ", where it"
                        + " builds the converted copy of " + t.display() + ". GRANT CREATE ON SCHEMA "
                        + t.table().schema() + " TO " + me + ", or connect as the schema's owner or a superuser.");
            }
        }
        for (String schema : layout.tables().stream().map(ConvertedTable::backupSchema).distinct().toList()) {
            if (!"t".equals(single("SELECT CASE WHEN to_regnamespace(?) IS NULL THEN has_database_privilege("
                    + "current_database(), 'CREATE') ELSE has_schema_privilege(to_regnamespace(?), 'CREATE') END",
                    schema, schema))) {
                found.add("Ferry (" + me + ") may not create backup schema " + schema + " (or tables in it). GRANT"
                        + " CREATE ON DATABASE to " + me + " or create the schema for it, or connect as a superuser.");
            }
        }
        return found;
    }

    private String single(String sql, Object... parameters) throws SQLException {
        List<String> values = strings(sql, parameters);
        return values.isEmpty() ? null : values.get(0);
    }

    private List<String> strings(String sql, Object... parameters) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; parameters != null && i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }
}
