package dev.ferry.expr;

/** An expression that failed on one record; the message names the call, the argument as written and its value. */
public final class ExpressionFailed extends RuntimeException {

    ExpressionFailed(String message) {
        super(message, null, false, false);
    }
}
