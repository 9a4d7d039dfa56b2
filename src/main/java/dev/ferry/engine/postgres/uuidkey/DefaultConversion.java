package dev.ferry.engine.postgres.uuidkey;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A converted column's default, as a uuid column's: the casts to text that made a uuid default fit a text column come
 * off ({@code (gen_random_uuid())::text} → {@code gen_random_uuid()}, {@code '…'::character varying} → {@code '…'}).
 * Whether the result is a uuid is the server's to say: setting it on the shadow's uuid column fails otherwise, and
 * the dry run then refuses with the statement to run.
 */
final class DefaultConversion {

    private static final String TEXT_TYPE = "(?:text|character varying(?:\\(\\d+\\))?|bpchar|character(?:\\(\\d+\\))?)";
    /** {@code (expression)::text}, as pg_get_expr prints a cast of a function call or an expression. */
    private static final Pattern CAST = Pattern.compile("^\\((.*)\\)::" + TEXT_TYPE + "$", Pattern.DOTALL);
    /** {@code 'literal'::character varying}. */
    private static final Pattern LITERAL = Pattern.compile("^('(?:[^']|'')*')::" + TEXT_TYPE + "$", Pattern.DOTALL);

    private DefaultConversion() {
    }

    /** The default for the uuid column, or null when the column has none. */
    static String of(String expression) {
        if (expression == null) {
            return null;
        }
        String e = expression.trim();
        for (boolean changed = true; changed; ) {
            changed = false;
            Matcher literal = LITERAL.matcher(e);
            Matcher cast = CAST.matcher(e);
            if (literal.matches()) {
                e = literal.group(1);
                changed = true;
            } else if (cast.matches() && balanced(cast.group(1))) {
                e = cast.group(1);
                changed = true;
            }
        }
        return e;
    }

    /** {@code (a)::text || (b)} must not lose its outer parentheses as if they enclosed it all. */
    private static boolean balanced(String inner) {
        int depth = 0;
        boolean quoted = false;
        for (char ch : inner.toCharArray()) {
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
