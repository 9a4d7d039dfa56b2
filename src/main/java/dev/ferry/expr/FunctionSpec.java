package dev.ferry.expr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One function of the expression library as plan authors and {@code plan lint} know it: its name, its parameters
 * (the trailing ones may be optional, the last may repeat), an example and what the example gives.
 *
 * @param params   in order; {@link Param#optional()} ones only at the end
 * @param repeats  the last parameter may be given any number of times ({@code concat(a, b, c, …)})
 */
public record FunctionSpec(String name, List<Param> params, boolean repeats, String example, String result,
                           String does) {

    /** What an argument must be; literal arguments are checked against it by lint. */
    public enum Kind {
        TEXT("text"), NUMBER("a number"), WHOLE("a whole number"), DATE("a date"), ARRAY("an array"),
        MAP("a document"), ANY("any value"), SCALAR("text, a number, a date or a boolean"),
        DATE_PATTERN("a date pattern such as 'yyyy-MM-dd HH:mm:ss'"), ZONE("a time zone such as 'UTC' or 'Europe/Paris'"),
        REGEX("a regular expression"), ROUNDING("a rounding mode"), CONDITION("a condition in quotes, e.g. 'rating >= 4'");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** One parameter: its name in messages and docs, its kind, and whether it may be left out. */
    public record Param(String name, Kind kind, boolean optional) {
        static Param of(String name, Kind kind) {
            return new Param(name, kind, false);
        }

        static Param optional(String name, Kind kind) {
            return new Param(name, kind, true);
        }
    }

    public FunctionSpec {
        params = List.copyOf(params);
    }

    public int minArity() {
        return (int) params.stream().filter(p -> !p.optional()).count();
    }

    /** The most arguments it takes; {@link Integer#MAX_VALUE} when the last repeats. */
    public int maxArity() {
        return repeats ? Integer.MAX_VALUE : params.size();
    }

    /** The parameter an argument at this position binds to (repeating ones share the last). */
    public Param param(int index) {
        return params.get(Math.min(index, params.size() - 1));
    }

    /** {@code substring(text, start, end?)} */
    public String signature() {
        return name + "(" + params.stream().map(p -> p.name() + (p.optional() ? "?" : ""))
                .collect(Collectors.joining(", ")) + (repeats ? ", …" : "") + ")";
    }

    /** "2 or 3 arguments", "1 argument", "at least 1 argument". */
    public String arity() {
        int min = minArity();
        if (repeats) {
            return "at least " + min + (min == 1 ? " argument" : " arguments");
        }
        int max = maxArity();
        if (min == max) {
            return min + (min == 1 ? " argument" : " arguments");
        }
        return max == min + 1 ? min + " or " + max + " arguments" : min + " to " + max + " arguments";
    }
}
