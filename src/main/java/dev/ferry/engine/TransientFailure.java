package dev.ferry.engine;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.ferry.store.Secrets;
import java.util.Optional;

/** Tells a database that went away or is too slow (worth waiting for) from an error that waiting will not fix. */
final class TransientFailure {

    private TransientFailure() {
    }

    /** The transient database error somewhere in the cause chain, in words, or empty when there is none. */
    static Optional<String> reason(Throwable error) {
        if (error instanceof LeaseHeldException) {
            return Optional.empty(); // another process holds the run: waiting is not ours to do
        }
        if (error instanceof LeaseLostException) {
            // the lease lapsed, most often because the database was away: the next attempt takes it again, or
            // is refused with a LeaseHeldException naming the process that took the run over
            return Optional.of("the run's lease lapsed while the database was away");
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
