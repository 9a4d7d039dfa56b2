package dev.ferry.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The text functions of the library. A null first argument gives null (concat skips nulls instead). */
final class TextFunctions {
    private static final Memo<String, Pattern> REGEX = new Memo<>(Pattern::compile);

    private TextFunctions() {
    }

    static Object trim(Object text) {
        return text == null ? null : Args.text("trim", 0, text).strip();
    }

    static Object lower(Object text) {
        return text == null ? null : Args.text("lower", 0, text).toLowerCase(Locale.ROOT);
    }

    static Object upper(Object text) {
        return text == null ? null : Args.text("upper", 0, text).toUpperCase(Locale.ROOT);
    }

    static Object replace(Object text, Object find, Object replacement) {
        if (text == null) {
            return null;
        }
        String s = Args.text("replace", 0, text);
        String f = Args.text("replace", 1, Args.given("replace", 1, find));
        String r = Args.text("replace", 2, Args.given("replace", 2, replacement));
        if (f.isEmpty()) {
            throw Args.refused("replace", 1, f, "is empty: there is nothing to find");
        }
        return s.replace(f, r);
    }

    static Object regexReplace(Object text, Object regex, Object replacement) {
        if (text == null) {
            return null;
        }
        String s = Args.text("regex_replace", 0, text);
        Pattern p = pattern("regex_replace", 1, regex);
        String r = Args.text("regex_replace", 2, Args.given("regex_replace", 2, replacement));
        try {
            return p.matcher(s).replaceAll(r);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw Args.refused("regex_replace", 2, r, "is not a valid replacement: " + e.getMessage()
                    + " (write \\$ for a dollar sign)");
        }
    }

    static Object split(Object text, Object separator) {
        if (text == null) {
            return null;
        }
        String s = Args.text("split", 0, text);
        String sep = Args.text("split", 1, Args.given("split", 1, separator));
        if (sep.isEmpty()) {
            throw Args.refused("split", 1, sep, "is empty");
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, from)) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    static Object substring(Object text, Object start, Object end) {
        if (text == null) {
            return null;
        }
        String s = Args.text("substring", 0, text);
        int length = s.codePointCount(0, s.length());
        int from = position(Args.whole("substring", 1, Args.given("substring", 1, start)), length);
        int to = end == null ? length : position(Args.whole("substring", 2, end), length);
        if (to <= from) {
            return "";
        }
        // by characters as a person counts them, so an emoji is never cut in half
        return s.substring(s.offsetByCodePoints(0, from), s.offsetByCodePoints(0, to));
    }

    private static int position(int given, int length) {
        int at = given < 0 ? length + given : given;
        return Math.max(0, Math.min(length, at));
    }

    static Object concat(Object... values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                out.append(Args.scalarText("concat", i, values[i]));
            }
        }
        return out.toString();
    }

    static Object pad(String function, Object value, Object length, Object pad, boolean left) {
        if (value == null) {
            return null;
        }
        String s = Args.scalarText(function, 0, value);
        int width = Args.whole(function, 1, Args.given(function, 1, length));
        String p = pad == null ? " " : Args.text(function, 2, pad);
        if (p.codePointCount(0, p.length()) != 1) {
            throw Args.refused(function, 2, p, "should be one character");
        }
        int missing = width - s.codePointCount(0, s.length());
        if (missing <= 0) {
            return s;
        }
        String fill = p.repeat(missing);
        return left ? fill + s : s + fill;
    }

    static Object regexMatch(Object text, Object regex) {
        if (text == null) {
            return null;
        }
        String s = Args.text("regex_match", 0, text);
        return pattern("regex_match", 1, regex).matcher(s).find();
    }

    static Object regexExtract(Object text, Object regex, Object group) {
        if (text == null) {
            return null;
        }
        String s = Args.text("regex_extract", 0, text);
        Pattern p = pattern("regex_extract", 1, regex);
        Matcher m = p.matcher(s);
        int wanted = group == null ? (m.groupCount() > 0 ? 1 : 0) : Args.whole("regex_extract", 2, group);
        if (wanted < 0 || wanted > m.groupCount()) {
            throw Args.refused("regex_extract", 2, group, "names no group: the regex has " + m.groupCount());
        }
        return m.find() ? m.group(wanted) : null;
    }

    static Pattern pattern(String function, int index, Object regex) {
        String text = Args.text(function, index, Args.given(function, index, regex));
        try {
            return REGEX.get(text);
        } catch (PatternSyntaxException e) {
            throw Args.refused(function, index, text, "is not a valid regular expression: "
                    + e.getDescription() + " near position " + e.getIndex());
        }
    }
}
