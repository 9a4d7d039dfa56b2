package dev.ferry.engine.postgres;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.ServerMessage;
import java.sql.SQLException;

/**
 * One connection per verb: each verb of a PostgreSQL engine opens its own and closes it, so the console's background
 * tasks never share one, and a failure names the database (never its password).
 */
public final class VerbConnection {

    /** Work done on one open connection. */
    public interface Work<T> {
        T apply(PostgresStore store) throws SQLException;
    }

    private final String uri;
    private final String database;
    private final String display;

    private VerbConnection(String uri, String database, String display) {
        this.uri = uri;
        this.database = database;
        this.display = display;
    }

    /** Connects once to check the address and credentials; fails with a one-line reason when it cannot. */
    public static VerbConnection to(String uri) {
        try (PostgresStore store = PostgresStore.connect(uri)) {
            return new VerbConnection(uri, store.databaseName(), store.displayUri());
        }
    }

    public String database() {
        return database;
    }

    /** The address with any password hidden. */
    public String display() {
        return display;
    }

    /** The JDBC URL as given, password included: for opening connections only, never for messages. */
    public String uri() {
        return uri;
    }

    public <T> T on(Work<T> work) {
        try (PostgresStore store = PostgresStore.connect(uri)) {
            return work.apply(store);
        } catch (SQLException e) {
            throw new FerryException("Could not read " + display + ": " + Secrets.redact(ServerMessage.of(e)), e);
        }
    }
}
