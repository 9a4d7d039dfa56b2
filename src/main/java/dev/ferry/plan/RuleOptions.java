package dev.ferry.plan;

/**
 * Options any field rule may carry.
 *
 * @param hasDefault   whether {@code default} was given (a default may itself be null)
 * @param defaultValue used when the rule yields null or nothing
 * @param when         a JEXL condition; when false the field is left out; null for always
 * @param convert      a type conversion applied to the value (with a date pattern and zone); null for none
 * @param required     a null or missing value is an error rather than a left-out field
 * @param type         the SQL type of the column a table the run creates gives this field ({@code numeric(10,2)});
 *                     null: from the rule's conversion, the source column, or the values the mapping produces
 */
public record RuleOptions(boolean hasDefault, Object defaultValue, String when, Conversion convert, boolean required,
                          String type) {

    public static final RuleOptions NONE = new RuleOptions(false, null, null, null, false, null);

    public RuleOptions(boolean hasDefault, Object defaultValue, String when, Conversion convert, boolean required) {
        this(hasDefault, defaultValue, when, convert, required, null);
    }

    public RuleOptions withDefault(Object value) {
        return new RuleOptions(true, value, when, convert, required, type);
    }

    public RuleOptions withWhen(String condition) {
        return new RuleOptions(hasDefault, defaultValue, condition, convert, required, type);
    }

    public RuleOptions withConvert(ConvertType type) {
        return withConvert(Conversion.to(type));
    }

    public RuleOptions withConvert(Conversion conversion) {
        return new RuleOptions(hasDefault, defaultValue, when, conversion, required, type);
    }

    public RuleOptions withRequired(boolean value) {
        return new RuleOptions(hasDefault, defaultValue, when, convert, value, type);
    }

    public RuleOptions withType(String sqlType) {
        return new RuleOptions(hasDefault, defaultValue, when, convert, required, sqlType);
    }
}
