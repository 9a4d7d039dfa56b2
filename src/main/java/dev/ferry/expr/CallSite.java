package dev.ferry.expr;

import java.util.List;

/**
 * A call of a library function in an expression: where its name stands, and its arguments as written, to name
 * them in a failure ("upper(name): name = 42 (a number) should be text").
 */
record CallSite(String function, int line, int column, List<String> arguments) {

    CallSite {
        arguments = List.copyOf(arguments);
    }

    /** {@code upper(name)} */
    String written() {
        return function + "(" + String.join(", ", arguments) + ")";
    }
}
