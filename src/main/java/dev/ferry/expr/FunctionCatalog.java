package dev.ferry.expr;

import static dev.ferry.expr.FunctionSpec.Kind.ANY;
import static dev.ferry.expr.FunctionSpec.Kind.ARRAY;
import static dev.ferry.expr.FunctionSpec.Kind.CONDITION;
import static dev.ferry.expr.FunctionSpec.Kind.DATE;
import static dev.ferry.expr.FunctionSpec.Kind.DATE_PATTERN;
import static dev.ferry.expr.FunctionSpec.Kind.MAP;
import static dev.ferry.expr.FunctionSpec.Kind.NUMBER;
import static dev.ferry.expr.FunctionSpec.Kind.REGEX;
import static dev.ferry.expr.FunctionSpec.Kind.ROUNDING;
import static dev.ferry.expr.FunctionSpec.Kind.SCALAR;
import static dev.ferry.expr.FunctionSpec.Kind.TEXT;
import static dev.ferry.expr.FunctionSpec.Kind.WHOLE;
import static dev.ferry.expr.FunctionSpec.Kind.ZONE;
import static dev.ferry.expr.FunctionSpec.Param.of;
import static dev.ferry.expr.FunctionSpec.Param.optional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every function a plan expression may call, with its parameters: what lint checks calls against, what the sandbox
 * lets through, and what the README's table documents (a test keeps the three in step). {@code size} and
 * {@code empty} are JEXL's own and listed for the documentation only.
 */
public final class FunctionCatalog {

    /** JEXL's built-in functions: keywords of its grammar, not calls into the library. */
    public static final List<FunctionSpec> BUILT_IN = List.of(
            spec("size", List.of(of("value", ANY)), "size(reviews)", "3",
                    "elements of an array, entries of a document, characters of text; 0 for null"),
            spec("empty", List.of(of("value", ANY)), "empty(reviews)", "false",
                    "true for null, \"\", [] and {}"));

    public static final List<FunctionSpec> LIBRARY = List.of(
            spec("trim", List.of(of("text", TEXT)), "trim('  Ada ')", "\"Ada\"", "leading and trailing white space removed"),
            spec("lower", List.of(of("text", TEXT)), "lower('ÉTÉ')", "\"été\"", "lower case (locale-neutral)"),
            spec("upper", List.of(of("text", TEXT)), "upper('gb')", "\"GB\"", "upper case (locale-neutral)"),
            spec("replace", List.of(of("text", TEXT), of("find", TEXT), of("replacement", TEXT)),
                    "replace('2015-08-13 00:27:59', ' ', 'T')", "\"2015-08-13T00:27:59\"",
                    "every occurrence of find (plain text, not a pattern) replaced"),
            spec("regex_replace", List.of(of("text", TEXT), of("regex", REGEX), of("replacement", TEXT)),
                    "regex_replace('a1b22', '[0-9]+', '#')", "\"a#b#\"",
                    "every match replaced; $1 in the replacement is the first group"),
            spec("split", List.of(of("text", TEXT), of("separator", TEXT)), "split('a,b,,c', ',')",
                    "[\"a\", \"b\", \"\", \"c\"]", "the parts between separators (plain text), empty parts kept"),
            spec("substring", List.of(of("text", TEXT), of("start", WHOLE), optional("end", WHOLE)),
                    "substring('2015-08-13', 0, 4)", "\"2015\"",
                    "characters from start up to, not including, end (to the end when left out); positions from 0,"
                            + " negative ones count from the end, positions past the end stop at it"),
            new FunctionSpec("concat", List.of(of("value", SCALAR)), true, "concat(first, ' ', last)",
                    "\"Ada Lovelace\"", "the values' text joined; null values are skipped"),
            spec("pad_left", List.of(of("value", SCALAR), of("length", WHOLE), optional("pad", TEXT)),
                    "pad_left(7, 3, '0')", "\"007\"", "text of the value, padded on the left to length"
                            + " (pad: one character, a space when left out); longer text is kept whole"),
            spec("pad_right", List.of(of("value", SCALAR), of("length", WHOLE), optional("pad", TEXT)),
                    "pad_right('ab', 4, '.')", "\"ab..\"", "as pad_left, on the right"),
            spec("regex_match", List.of(of("text", TEXT), of("regex", REGEX)),
                    "regex_match('SKU-042', '^SKU-[0-9]+$')", "true", "whether the regex matches anywhere in the"
                            + " text (anchor it with ^ and $ to match the whole)"),
            spec("regex_extract", List.of(of("text", TEXT), of("regex", REGEX), optional("group", WHOLE)),
                    "regex_extract('SKU-00042', '[0-9]+')", "\"00042\"", "the first match (or its group: 1 when"
                            + " the regex has a group and none is given); null when nothing matches"),
            spec("round", List.of(of("number", NUMBER), optional("scale", WHOLE), optional("mode", ROUNDING)),
                    "round(16.6355, 2)", "16.64", "rounded to scale decimals (0 when left out; negative: tens,"
                            + " hundreds); mode half_up (default), half_even, half_down, up, down, ceiling, floor;"
                            + " a decimal stays a decimal, a double a double"),
            spec("decimal", List.of(of("value", ANY)), "decimal('19.99') * 3", "59.97 (decimal)",
                    "the exact decimal (Decimal128) of a number or numeric text, for money"),
            spec("abs", List.of(of("number", NUMBER)), "abs(-2.5)", "2.5", "the absolute value, of the same type"),
            spec("parse_date", List.of(of("text", TEXT), of("pattern", DATE_PATTERN), optional("zone", ZONE)),
                    "parse_date('2015-08-13 00:27:59.177000000', 'yyyy-MM-dd HH:mm:ss.SSSSSSSSS')",
                    "2015-08-13T00:27:59.177Z (a date)", "text read with a pattern (java.time letters); without an"
                            + " offset in the text it is a time in zone (UTC when left out); a date alone is"
                            + " midnight; dates keep milliseconds, finer digits are cut"),
            spec("format_date", List.of(of("date", DATE), of("pattern", DATE_PATTERN), optional("zone", ZONE)),
                    "format_date(created, 'dd/MM/yyyy HH:mm', 'Europe/Paris')", "\"13/08/2015 02:27\"",
                    "a date as text in zone (UTC when left out)"),
            spec("join", List.of(of("array", ARRAY), of("separator", TEXT)), "join(['a', 'b'], ', ')", "\"a, b\"",
                    "the elements' text with separator between; null elements are skipped"),
            spec("filter", List.of(of("array", ARRAY), of("condition", CONDITION)),
                    "filter(reviews, 'rating >= 4')", "the reviews rated 4 or 5", "the elements for which the"
                            + " condition holds; it reads an element's fields, value (the element) and index"),
            spec("keys", List.of(of("document", MAP)), "keys({'r1': 5, 'r2': 3})", "[\"r1\", \"r2\"]",
                    "the field names, in order"),
            spec("values", List.of(of("document", MAP)), "values({'r1': 5, 'r2': 3})", "[5, 3]",
                    "the field values, in order"),
            spec("to_entries", List.of(of("document", MAP)), "to_entries({'r1': 5})", "[{key: \"r1\", value: 5}]",
                    "a map keyed by ids as an array of {key, value}"),
            spec("from_entries", List.of(of("array", ARRAY)), "from_entries([{'key': 'r1', 'value': 5}])",
                    "{r1: 5}", "back: {key, value} documents (or [key, value] pairs) as one document; a repeated"
                            + " key is an error"));

    private static final Map<String, FunctionSpec> BY_NAME = new LinkedHashMap<>();

    static {
        LIBRARY.forEach(f -> BY_NAME.put(f.name(), f));
    }

    private FunctionCatalog() {
    }

    /** A library function (not a built-in) by name. */
    public static Optional<FunctionSpec> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** " (did you mean 'substring'?)" for a misspelt or shortened name, or "". */
    public static String hint(String wrong) {
        String close = ClosestName.hint(wrong, names());
        if (!close.isEmpty() || wrong.length() < 3) {
            return close;
        }
        return names().stream().filter(n -> n.startsWith(wrong)).findFirst()
                .map(n -> " (did you mean '" + n + "'?)").orElse("");
    }

    /** Every name a plan may call, built-ins included. */
    public static List<String> names() {
        return java.util.stream.Stream.concat(LIBRARY.stream(), BUILT_IN.stream()).map(FunctionSpec::name).toList();
    }

    private static FunctionSpec spec(String name, List<FunctionSpec.Param> params, String example, String result,
                                     String does) {
        return new FunctionSpec(name, params, false, example, result, does);
    }
}
