package dev.ferry.engine.postgres.uuidkey;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A policy's expression for uuid columns: where the server compared a text column with text, it printed the column
 * cast ({@code (requester_id)::text IN (SELECT accounts.id …)}); once both sides are uuid, the cast is what fails. Tried
 * only when the expression as written no longer fits: a cast the application wrote on purpose
 * ({@code id::text = current_setting(…)}) still works on a uuid and stays.
 */
final class ExpressionConversion {

    private static final String NAME = "(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\")";
    private static final String TEXT_TYPE = "(?:text|character varying(?:\\(\\d+\\))?)";

    private ExpressionConversion() {
    }

    /** {@code expression} with {@code (column)::text} and {@code (table.column)::text} of the columns unwrapped. */
    static String withoutTextCasts(String expression, Collection<String> columns) {
        if (expression == null || columns.isEmpty()) {
            return expression;
        }
        String names = columns.stream().map(c -> c.matches("[a-z_][a-z0-9_$]*") ? Pattern.quote(c)
                : Pattern.quote("\"" + c.replace("\"", "\"\"") + "\"")).collect(Collectors.joining("|"));
        Pattern cast = Pattern.compile("\\(((?:" + NAME + "\\.)?(?:" + names + "))\\)::" + TEXT_TYPE);
        return cast.matcher(expression).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }
}
