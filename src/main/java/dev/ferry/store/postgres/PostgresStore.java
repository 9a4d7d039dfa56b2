package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * An open connection to one PostgreSQL database, named by a JDBC URL ({@code jdbc:postgresql://host:port/db}, user
 * and password as URL parameters or given separately). Connects eagerly so that a wrong address or password fails
 * here with a one-line reason; {@link #newConnection()} opens further connections for parallel work.
 */
public final class PostgresStore implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private static final long OLD_SESSION_WAIT_MS = 10_000;

    private final String url;
    private final Properties properties;
    private final String displayUri;
    private volatile Connection connection;

    private PostgresStore(String url, Properties properties, Connection connection) {
        this.url = url;
        this.properties = properties;
        this.connection = connection;
        this.displayUri = Secrets.redact(url);
    }

    public static boolean isPostgresUri(String uri) {
        return uri != null && uri.regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length());
    }

    /** Connects with the user and password in the URL, if any. */
    public static PostgresStore connect(String url) {
        return connect(url, null, null);
    }

    /**
     * Connects as {@code user} with {@code password} (either may be null: then the URL's own parameters count).
     *
     * @throws FerryException (exit code 2) for a URL that is not PostgreSQL's; (3) when unreachable or refused
     */
    public static PostgresStore connect(String url, String user, String password) {
        if (!isPostgresUri(url)) {
            throw FerryException.usage("Not a PostgreSQL JDBC URL: " + Secrets.redact(url)
                    + ". Expected jdbc:postgresql://host:5432/database?user=name");
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("ApplicationName", "ferry");
        try {
            Connection c = DriverManager.getConnection(url, props);
            return new PostgresStore(url, props, c);
        } catch (SQLException e) {
            throw new FerryException(reason(url, e), e);
        }
    }

    /** The main connection (auto-commit on); a new object after {@link #reconnect()}. */
    public Connection connection() {
        return connection;
    }

    /**
     * Replaces the main connection with a new one, after the server ended it (restart, pg_terminate_backend) or a
     * transaction on it failed. Waits until the old server session is gone, so that the locks it held (a plan's
     * lease) are free before the work goes on.
     *
     * @throws FerryException with the driver's error as cause when the server does not answer yet
     */
    public void reconnect() {
        Connection old = connection;
        int oldPid = backendPid(old);
        try {
            old.close();
        } catch (SQLException ignored) {
            // the server already ended it
        }
        Connection fresh = newConnection();
        connection = fresh;
        if (oldPid > 0) {
            awaitGone(fresh, oldPid);
        }
    }

    /** True when the main connection is known broken (the server ended it); no round trip. */
    public boolean connectionLost() {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static int backendPid(Connection c) {
        try {
            return c.unwrap(org.postgresql.PGConnection.class).getBackendPID();
        } catch (SQLException e) {
            return 0;
        }
    }

    private void awaitGone(Connection c, int pid) {
        long deadline = System.nanoTime() + OLD_SESSION_WAIT_MS * 1_000_000;
        try (var s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            s.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                try (var r = s.executeQuery()) {
                    r.next();
                    if (r.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new FerryException(reason(url, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Another connection to the same database, for work beside the main one; the caller closes it. */
    public Connection newConnection() {
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new FerryException(reason(url, e), e);
        }
    }

    public String databaseName() {
        try {
            return connection.getCatalog();
        } catch (SQLException e) {
            throw new FerryException("Lost the connection to " + displayUri + ": " + Secrets.redact(e.getMessage()), e);
        }
    }

    /** The URL with any password replaced by {@code ***}. */
    public String displayUri() {
        return displayUri;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a connection that already failed: nothing left to release
        }
    }

    /** The operator's reason by SQLSTATE, never the password. */
    static String reason(String url, SQLException e) {
        String where = Secrets.redact(url);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = Secrets.redact(String.valueOf(e.getMessage())).strip();
        while (detail.endsWith(".")) { // the driver's sentences end in a period; ours add their own
            detail = detail.substring(0, detail.length() - 1);
        }
        if (detail.contains("no password was provided")) {
            return "PostgreSQL at " + where + " asks for a password and none was given (" + detail + "). Add"
                    + " password=… to the URL's parameters, or use --profile NAME with the password in $FERRY_PASSWORD.";
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return "PostgreSQL at " + where + " refused the credentials: " + detail + ". Check the user name and password.";
        }
        if (state.equals("3D000")) {
            return "PostgreSQL at " + where + " has no such database: " + detail + ". Check the database name in the URL.";
        }
        if (state.startsWith("08")) {
            return "Cannot reach PostgreSQL at " + where + ": " + detail
                    + ". Check that the server runs and the host and port are right.";
        }
        return "PostgreSQL at " + where + " failed: " + detail;
    }
}
