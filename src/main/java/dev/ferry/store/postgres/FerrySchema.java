package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Ferry's own schema {@code ferry}, beside the application's: created on first use, looked up before anything is
 * created in it (PostgreSQL checks the right to create before it sees that the object exists), and a refusal of the
 * server turned into what to do.
 */
public final class FerrySchema {

    private FerrySchema() {
    }

    /** Creates schema {@code ferry} unless it exists. */
    public static void ensure(Connection connection) throws SQLException {
        if (schemaExists(connection)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SqlNames.quote(JournalTables.FERRY_SCHEMA));
        } catch (SQLException e) {
            throw explained(connection, e);
        }
    }

    /** Whether schema {@code ferry} holds the relation {@code name}. */
    public static boolean exists(Connection connection, String name) throws SQLException {
        return exists(connection, JournalTables.FERRY_SCHEMA, name);
    }

    public static boolean exists(Connection connection, String schema, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_class c JOIN"
                + " pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?)")) {
            s.setString(1, schema);
            s.setString(2, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    private static boolean schemaExists(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE"
                + " nspname = ?)")) {
            s.setString(1, JournalTables.FERRY_SCHEMA);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /**
     * A permission refusal on Ferry's schema, said with the role and what to do; any other failure as it came.
     * Ferry's own tables are created by the first role that runs a plan; another role needs them granted.
     */
    public static SQLException explained(Connection connection, SQLException e) {
        if (!"42501".equals(e.getSQLState())) {
            return e;
        }
        String role = "this role";
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT current_user")) {
            role = r.next() ? r.getString(1) : role;
        } catch (SQLException ignored) {
            // the role's name only makes the message clearer
        }
        String ferry = JournalTables.FERRY_SCHEMA;
        return new SQLException("role " + role + " may not create or write Ferry's journal in schema " + ferry
                + " (" + ServerMessage.of(e) + "). Ferry keeps its own tables there. As a superuser, once: CREATE"
                + " SCHEMA IF NOT EXISTS " + ferry + " AUTHORIZATION " + SqlNames.quote(role) + " (or, if it exists,"
                + " GRANT USAGE, CREATE ON SCHEMA " + ferry + " TO " + SqlNames.quote(role) + " and GRANT ALL ON ALL"
                + " TABLES IN SCHEMA " + ferry + " TO " + SqlNames.quote(role) + "); or connect as the role that"
                + " created it", "42501", e);
    }
}
