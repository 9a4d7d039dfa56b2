package dev.ferry.store.postgres.journal;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The journal's own connection to its PostgreSQL database (auto-commit; one statement, or one transaction, at a time
 * for every thread of a run), opened on first use and opened again after the server ended it. Writes create the
 * journal's schema and tables first ({@link JournalTables}); reads of a database without them find nothing.
 */
final class JournalDatabase implements AutoCloseable {

    /** Work on the connection. */
    interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private final PostgresStore store;
    private final String schema;
    private final String databaseName;
    private Connection connection;
    private boolean created;
    private boolean seen;

    JournalDatabase(PostgresStore store, String schema) {
        this.store = store;
        this.schema = schema;
        this.databaseName = store.databaseName();
    }

    String schema() {
        return schema;
    }

    /** {@code "ferry"."runs"}. */
    String table(String name) {
        return SqlNames.qualified(schema, name);
    }

    String databaseName() {
        return databaseName;
    }

    /** Reads; {@code none} when the journal's tables do not exist yet (nothing was journalled here). */
    synchronized <T> T read(Work<T> work, T none) {
        return run(c -> exists(c) ? work.apply(c) : none);
    }

    /**
     * Reads one table; {@code none} when it does not exist (nothing journalled here yet, or a journal made by a Ferry
     * from before the table, which the next write adds).
     */
    synchronized <T> T read(String table, Work<T> work, T none) {
        return run(c -> tableExists(c, table) ? work.apply(c) : none);
    }

    private final java.util.Set<String> tablesSeen = new java.util.HashSet<>();

    private boolean tableExists(Connection c, String name) throws SQLException {
        if (created || tablesSeen.contains(name)) {
            return true;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, table(name));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getBoolean(1)) {
                    tablesSeen.add(name);
                    return true;
                }
                return false;
            }
        }
    }

    /** Writes, creating the journal's schema and tables first if needed. */
    synchronized <T> T write(Work<T> work) {
        return run(c -> {
            if (!created) {
                JournalTables.create(c, schema);
                created = true;
            }
            return work.apply(c);
        });
    }

    /** Several statements in one transaction (rolled back on any failure), creating the tables first if needed. */
    synchronized <T> T transaction(Work<T> work) {
        return write(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone: the server rolled back
                }
                throw e;
            } finally {
                if (!c.isClosed()) {
                    c.setAutoCommit(true);
                }
            }
        });
    }

    synchronized void ensureTables() {
        write(c -> null);
    }

    private <T> T run(Work<T> work) {
        try {
            return work.apply(connection());
        } catch (SQLException e) {
            if (e.getSQLState() == null || e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P")) {
                drop(); // the server ended the session: the next use connects again
            }
            throw failure(e);
        }
    }

    private boolean exists(Connection c) throws SQLException {
        if (created || seen) {
            return true;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, table(JournalTables.RUNS));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                seen = r.getBoolean(1);
                return seen;
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = store.newConnection();
        }
        return connection;
    }

    private FerryException failure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = "the journal in schema " + schema + " of PostgreSQL database " + store.displayUri();
        if (state.equals("42501")) {
            return new FerryException("Ferry could not write " + where + ": " + Secrets.redact(e.getMessage())
                    + ". Let this user create the schema (GRANT CREATE ON DATABASE …) or create it for them"
                    + " (CREATE SCHEMA " + SqlNames.quote(schema) + " AUTHORIZATION <user>).", e);
        }
        return new FerryException("Ferry could not use " + where + ": " + Secrets.redact(e.getMessage()), e);
    }

    private void drop() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // already gone
        }
        connection = null;
    }

    @Override
    public synchronized void close() {
        drop();
    }
}
