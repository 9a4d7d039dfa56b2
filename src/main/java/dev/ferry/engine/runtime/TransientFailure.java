package dev.ferry.engine.runtime;

import dev.ferry.engine.LeaseHeldException;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.ferry.store.Secrets;
import java.util.Optional;

/**
 * Tells a database that went away or is too slow (worth waiting for) from an error that waiting will not fix: a
 * MongoDB driver's network, timeout or not-primary error, or a PostgreSQL error by SQLSTATE.
 */
public final class TransientFailure {

    /** 57P01 admin_shutdown (pg_terminate_backend), 57P02 crash_shutdown, 57P03 cannot_connect_now, 40001, 40P01. */
    private static final java.util.Set<String> SQL_STATES = java.util.Set.of("57P01", "57P02", "57P03", "40001",
            "40P01");

    private TransientFailure() {
    }

    /** The transient database error somewhere in the cause chain, in words, or empty when there is none. */
    public static Optional<String> reason(Throwable error) {
        if (error instanceof LeaseHeldException || error instanceof LeaseLostException) {
            return Optional.empty(); // another process holds or took the run over: never resume behind its back
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MongoSocketException || t instanceof MongoTimeoutException
                    || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                    || t instanceof MongoException m && (m.hasErrorLabel("RetryableWriteError")
                    || m.hasErrorLabel("TransientTransactionError"))) {
                String message = Secrets.redact(String.valueOf(t.getMessage()));
                int newline = message.indexOf('\n');
                return Optional.of((newline < 0 ? message : message.substring(0, newline)).strip());
            }
            if (t instanceof java.sql.SQLException sql && transientSqlState(sql.getSQLState())) {
                String message = Secrets.redact(String.valueOf(sql.getMessage()));
                int newline = message.indexOf('\n');
                return Optional.of((newline < 0 ? message : message.substring(0, newline)).strip()
                        + " (SQLSTATE " + sql.getSQLState() + ")");
            }
            if (t instanceof AssertionError && thrownBy(t, "org.postgresql.")) {
                // the driver asserts its connection is open while reading a batch's results; with assertions on
                // (tests, -ea), a session terminated mid-batch surfaces as this instead of SQLSTATE 08003
                return Optional.of("the PostgreSQL connection was closed while a batch was written (SQLSTATE 08003)");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static boolean thrownBy(Throwable t, String packagePrefix) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith(packagePrefix);
    }

    /** A PostgreSQL error worth waiting for: the connection went away, the server is shutting down or starting, a
     * serialization failure or a deadlock. */
    public static boolean transientSqlState(String state) {
        return state != null && (state.startsWith("08") || SQL_STATES.contains(state));
    }
}
