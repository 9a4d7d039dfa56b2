package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Row-level security that applies to the connected role hides rows from it without an error: on a source, a run, a
 * dry run and a validation would all agree on the rows they see and call the copy complete; on a target, a row the
 * role cannot see looks absent, and writing its key fails as if another writer had raced the run. Both are refused
 * by name before anything is read or written.
 */
final class RowSecurity {

    private RowSecurity() {
    }

    static void refuseHiddenSourceRows(Connection c, PostgresTable table) {
        applying(c, table, "'r', '*'").ifPresent(who -> {
            throw new FerryException(who.describe(table) + ": Ferry would read only the rows its policies show and"
                    + " call the copy complete. " + who.remedy() + "; or make the plan's source a view that selects"
                    + " the rows you mean.");
        });
    }

    static void refuseHiddenTargetRows(Connection c, PostgresTable table) {
        applying(c, table, "'*'").ifPresent(who -> {
            throw new FerryException(who.describe(table) + ": rows its policies hide would look absent to Ferry,"
                    + " which could neither keep their pre-images nor update them. " + who.remedy() + ".");
        });
    }

    /** The role the table's row security applies to, with its owner and policy count; empty when none applies. */
    private record Applying(String owner, String role, long policies) {
        String describe(PostgresTable table) {
            return "Row-level security on " + table.qualified() + " applies to the role " + role + " (" + policies
                    + " policies)";
        }

        String remedy() {
            return "Connect as the table's owner (" + owner + ", unless the table forces row security), a role with"
                    + " BYPASSRLS, or a superuser";
        }
    }

    /** A policy for the connected role: one naming PUBLIC, or a role it is (or is a member of). */
    private static final String FOR_ME = "(0 = ANY (p.polroles) OR EXISTS (SELECT 1 FROM unnest(p.polroles) AS o(role)"
            + " WHERE o.role <> 0 AND pg_has_role(current_user, o.role, 'USAGE')))";

    /**
     * Row security applies unless it is off for the table, the role is a superuser or has BYPASSRLS, or the role owns
     * the table (or is a member of its owner) and the table does not force it on its owner. It hides nothing when a
     * permissive policy for the role shows every row ({@code USING (true)}) for {@code commands} and no restrictive
     * policy is the role's: a migration role given its own policy, as application schemas do.
     */
    private static Optional<Applying> applying(Connection c, PostgresTable table, String commands) {
        String sql = "SELECT c.relrowsecurity AND NOT (r.rolsuper OR r.rolbypassrls)"
                + " AND (c.relforcerowsecurity OR NOT pg_has_role(current_user, c.relowner, 'USAGE'))"
                + " AND NOT (EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polpermissive"
                + " AND p.polcmd IN (" + commands + ") AND pg_get_expr(p.polqual, p.polrelid) = 'true' AND " + FOR_ME
                + ") AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND NOT p.polpermissive AND "
                + FOR_ME + ")),"
                + " pg_get_userbyid(c.relowner), current_user,"
                + " (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, pg_roles r"
                + " WHERE n.nspname = ? AND c.relname = ? AND r.rolname = current_user";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1)
                        ? Optional.of(new Applying(rs.getString(2), rs.getString(3), rs.getLong(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new FerryException("Could not read the row security of " + table.qualified() + ": "
                    + Secrets.redact(e.getMessage()), e);
        }
    }
}
