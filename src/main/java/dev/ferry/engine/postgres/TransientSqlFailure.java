package dev.ferry.engine.postgres;

import dev.ferry.store.Secrets;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a PostgreSQL error worth waiting for (the connection went away, the server is shutting down or starting, a
 * serialization failure or deadlock) from one that waiting will not fix, by SQLSTATE anywhere in the cause chain.
 */
public final class TransientSqlFailure {

    /** 57P01 admin_shutdown (pg_terminate_backend), 57P02 crash_shutdown, 57P03 cannot_connect_now, 40001, 40P01. */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "40001", "40P01");

    private TransientSqlFailure() {
    }

    /** The transient error in words ("… (SQLSTATE 57P01)"), or empty when there is none. */
    public static Optional<String> reason(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                String message = Secrets.redact(String.valueOf(sql.getMessage()));
                int newline = message.indexOf('\n');
                return Optional.of((newline < 0 ? message : message.substring(0, newline)).strip()
                        + " (SQLSTATE " + sql.getSQLState() + ")");
            }
        }
        return Optional.empty();
    }

    public static boolean transientState(String state) {
        return state != null && (state.startsWith("08") || STATES.contains(state));
    }
}
