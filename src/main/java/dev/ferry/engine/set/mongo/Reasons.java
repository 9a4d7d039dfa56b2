package dev.ferry.engine.set.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import dev.ferry.FerryException;
import dev.ferry.store.Secrets;

/** Why an operation failed, in one line an operator reads: the server's own message, never a stack trace or secret. */
final class Reasons {

    private Reasons() {
    }

    static String of(RuntimeException e) {
        String text;
        if (e instanceof FerryException) {
            text = e.getMessage();
        } else if (e instanceof MongoCommandException c) {
            text = "MongoDB refused: " + c.getErrorMessage() + " (code " + c.getErrorCode() + ")";
        } else if (e instanceof MongoWriteException w) {
            text = "MongoDB refused a write: " + w.getError().getMessage();
        } else if (e instanceof MongoException m) {
            text = "MongoDB error: " + m.getMessage();
        } else {
            text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        String redacted = Secrets.redact(text == null ? "no reason given" : text);
        int nl = redacted.indexOf('\n');
        return nl < 0 ? redacted : redacted.substring(0, nl);
    }
}
