package dev.ferry.engine.postgres;

import dev.ferry.engine.runtime.TransientFailure;
import java.util.Optional;

/**
 * Tells a PostgreSQL error worth waiting for (the connection went away, the server is shutting down or starting, a
 * serialization failure or deadlock) from one that waiting will not fix, by SQLSTATE anywhere in the cause chain.
 * The states are {@link TransientFailure}'s, which the split engine asks too.
 */
public final class TransientSqlFailure {

    private TransientSqlFailure() {
    }

    /** The transient error in words ("… (SQLSTATE 57P01)"), or empty when there is none. */
    public static Optional<String> reason(Throwable error) {
        return TransientFailure.reason(error);
    }

    public static boolean transientState(String state) {
        return TransientFailure.transientSqlState(state);
    }
}
