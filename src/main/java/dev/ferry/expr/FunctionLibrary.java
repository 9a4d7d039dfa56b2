package dev.ferry.expr;

/**
 * The object JEXL calls the library's functions on (the {@code ferry} namespace the sandbox resolves every plain
 * call to). Method names are the plan names, snake case included; overloads give the optional arguments. The
 * sandbox lets JEXL execute exactly the names in {@link FunctionCatalog#LIBRARY}, nothing inherited.
 */
public final class FunctionLibrary {
    static final FunctionLibrary INSTANCE = new FunctionLibrary();

    private FunctionLibrary() {
    }

    public Object trim(Object text) {
        return TextFunctions.trim(text);
    }

    public Object lower(Object text) {
        return TextFunctions.lower(text);
    }

    public Object upper(Object text) {
        return TextFunctions.upper(text);
    }

    public Object replace(Object text, Object find, Object replacement) {
        return TextFunctions.replace(text, find, replacement);
    }

    public Object regex_replace(Object text, Object regex, Object replacement) {
        return TextFunctions.regexReplace(text, regex, replacement);
    }

    public Object split(Object text, Object separator) {
        return TextFunctions.split(text, separator);
    }

    public Object substring(Object text, Object start) {
        return TextFunctions.substring(text, start, null);
    }

    public Object substring(Object text, Object start, Object end) {
        return TextFunctions.substring(text, start, Args.given("substring", 2, end));
    }

    public Object concat(Object... values) {
        return TextFunctions.concat(values);
    }

    public Object pad_left(Object value, Object length) {
        return TextFunctions.pad("pad_left", value, length, null, true);
    }

    public Object pad_left(Object value, Object length, Object pad) {
        return TextFunctions.pad("pad_left", value, length, Args.given("pad_left", 2, pad), true);
    }

    public Object pad_right(Object value, Object length) {
        return TextFunctions.pad("pad_right", value, length, null, false);
    }

    public Object pad_right(Object value, Object length, Object pad) {
        return TextFunctions.pad("pad_right", value, length, Args.given("pad_right", 2, pad), false);
    }

    public Object regex_match(Object text, Object regex) {
        return TextFunctions.regexMatch(text, regex);
    }

    public Object regex_extract(Object text, Object regex) {
        return TextFunctions.regexExtract(text, regex, null);
    }

    public Object regex_extract(Object text, Object regex, Object group) {
        return TextFunctions.regexExtract(text, regex, Args.given("regex_extract", 2, group));
    }

    public Object round(Object number) {
        return NumberFunctions.round(number, null, null);
    }

    public Object round(Object number, Object scale) {
        return NumberFunctions.round(number, Args.given("round", 1, scale), null);
    }

    public Object round(Object number, Object scale, Object mode) {
        return NumberFunctions.round(number, Args.given("round", 1, scale), Args.given("round", 2, mode));
    }

    public Object decimal(Object value) {
        return NumberFunctions.decimal(value);
    }

    public Object abs(Object number) {
        return NumberFunctions.abs(number);
    }

    public Object parse_date(Object text, Object pattern) {
        return DateFunctions.parseDate(text, pattern, null);
    }

    public Object parse_date(Object text, Object pattern, Object zone) {
        return DateFunctions.parseDate(text, pattern, Args.given("parse_date", 2, zone));
    }

    public Object format_date(Object date, Object pattern) {
        return DateFunctions.formatDate(date, pattern, null);
    }

    public Object format_date(Object date, Object pattern, Object zone) {
        return DateFunctions.formatDate(date, pattern, Args.given("format_date", 2, zone));
    }

    public Object join(Object array, Object separator) {
        return CollectionFunctions.join(array, separator);
    }

    public Object filter(Object array, Object condition) {
        return CollectionFunctions.filter(array, condition);
    }

    public Object keys(Object document) {
        return CollectionFunctions.keys(document);
    }

    public Object values(Object document) {
        return CollectionFunctions.values(document);
    }

    public Object to_entries(Object document) {
        return CollectionFunctions.toEntries(document);
    }

    public Object from_entries(Object array) {
        return CollectionFunctions.fromEntries(array);
    }
}
