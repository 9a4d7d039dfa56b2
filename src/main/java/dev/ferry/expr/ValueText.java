package dev.ferry.expr;

import java.util.Collection;
import java.util.Date;
import java.util.Map;

/** Shows a value in an error message the way a person recognises it: {@code "yesterday" (a string)}. */
public final class ValueText {
    private static final int MAX_TEXT = 60;

    private ValueText() {
    }

    public static String describe(Object value) {
        value = Args.plain(value); // an array literal, shown as the list it stands for
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            String shown = s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "…" : s;
            return "\"" + shown + "\" (a string)";
        }
        return shown(value) + " (" + kind(value) + ")";
    }

    public static String kind(Object value) {
        value = Args.plain(value);
        if (value instanceof Map<?, ?>) {
            return "a document";
        }
        if (value instanceof Collection<?>) {
            return "an array";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Date) {
            return "a date";
        }
        return "a " + value.getClass().getSimpleName();
    }

    private static String shown(Object value) {
        if (value instanceof Date d) {
            return d.toInstant().toString();
        }
        String text = String.valueOf(value);
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }
}
