package dev.ferry.expr;

/**
 * A library function refused one of its arguments (wrong type, bad pattern, …). The expression turns it into a
 * message naming the argument as written in the plan and the value it had.
 *
 * @param function the function's plan name
 * @param index    the argument's position, from 0
 * @param value    the value refused
 * @param reason   what was wrong, e.g. "should be text"
 */
final class ArgumentRefused extends RuntimeException {
    private final String function;
    private final int index;
    private final transient Object value;
    private final String reason;

    ArgumentRefused(String function, int index, Object value, String reason) {
        super(function + ": argument " + (index + 1) + " " + reason, null, false, false);
        this.function = function;
        this.index = index;
        this.value = value;
        this.reason = reason;
    }

    String function() {
        return function;
    }

    int index() {
        return index;
    }

    Object value() {
        return value;
    }

    String reason() {
        return reason;
    }
}
