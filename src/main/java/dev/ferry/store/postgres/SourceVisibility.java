package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a source table's reader could miss without knowing it: rows that row-level security hides from the connected
 * role: the run, the dry run and validation would all agree on the rows they see and call the copy complete.
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
}
