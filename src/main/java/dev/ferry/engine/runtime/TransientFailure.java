package dev.ferry.engine.runtime;

import dev.ferry.engine.LeaseHeldException;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.ferry.store.Secrets;
import java.util.Optional;

/** Tells a database that went away or is too slow (worth waiting for) from an error that waiting will not fix. */
public final class TransientFailure {

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
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
