package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a source table's reader could miss without knowing it: rows that row-level security hides from the connected
 * role (the run, the dry run and validation would all agree on the rows they see and call it complete), and a key
 * column that repeats (pages go past a key with {@code >}: a repeated key loses rows on a resume).
 */
final class SourceVisibility {

    private SourceVisibility() {
    }

    /**
     * Refuses a table whose row-level security applies to the connected role: not a superuser, no BYPASSRLS, and
     * either not the owner (nor a member of the owner role) or the table forces row security on its owner too.
     */
    static void refuseHiddenRows(Connection c, PostgresTable table) {
        String sql = "SELECT c.relrowsecurity AND NOT (r.rolsuper OR r.rolbypassrls)"
                + " AND (c.relforcerowsecurity OR NOT pg_has_role(current_user, c.relowner, 'USAGE')),"
                + " pg_get_userbyid(c.relowner), current_user,"
                + " (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, pg_roles r"
                + " WHERE n.nspname = ? AND c.relname = ? AND r.rolname = current_user";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    throw new FerryException("Row-level security on " + table.qualified() + " applies to the role "
                            + rs.getString(3) + " (" + rs.getLong(4) + " policies): Ferry would read only the rows"
                            + " its policies show and call the copy complete. Connect as the table's owner ("
                            + rs.getString(2) + ", unless the table forces row security), a role with BYPASSRLS, or"
                            + " a superuser; or make the plan's source a view that selects the rows you mean.");
                }
            }
        } catch (SQLException e) {
            throw new FerryException("Could not read the row security of " + table.qualified() + ": "
                    + Secrets.redact(e.getMessage()), e);
        }
    }

    /**
     * Refuses a key column that repeats: fine when a unique index (or the primary key) holds it alone, else the table
     * is searched for repeated values, and up to three are named.
     */
    static void refuseRepeatedKeys(Connection c, PostgresTable table, String keyColumn) {
        String quoted = SqlNames.quote(keyColumn);
        try {
            if (uniqueIndexHolds(c, table, keyColumn)) {
                return;
            }
            List<String> repeated = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + quoted + "::text, count(*) FROM "
                    + table.qualified() + " WHERE " + quoted + " IS NOT NULL GROUP BY " + quoted
                    + " HAVING count(*) > 1 LIMIT 3"); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    repeated.add(rs.getString(1) + " (" + rs.getLong(2) + " rows)");
                }
            }
            if (!repeated.isEmpty()) {
                throw new FerryException("The plan's key " + quoted + " of " + table.qualified() + " is not unique: "
                        + String.join(", ", repeated) + (repeated.size() == 3 ? ", …" : "") + ". Batches page past a"
                        + " key, so repeated keys would be lost. Use the primary key or a unique column.");
            }
        } catch (SQLException e) {
            throw new FerryException("Could not check that the key " + quoted + " of " + table.qualified()
                    + " is unique: " + Secrets.redact(e.getMessage()), e);
        }
    }

    private static boolean uniqueIndexHolds(Connection c, PostgresTable table, String keyColumn) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid"
                + " AND a.attnum = i.indkey[0] WHERE n.nspname = ? AND t.relname = ? AND i.indisunique"
                + " AND i.indnatts = 1 AND i.indpred IS NULL AND i.indexprs IS NULL AND a.attname = ?")) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            st.setString(3, keyColumn);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
