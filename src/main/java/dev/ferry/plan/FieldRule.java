package dev.ferry.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one target field is produced from a source record (copy, coalesce, template, expression, …).
 * Each kind is a record; the options every kind shares ({@code default}, {@code when}, {@code convert},
 * {@code required}) sit in {@link RuleOptions}. {@code transform} compiles them.
 */
public sealed interface FieldRule {

    RuleOptions options();

    /** Copies the value at a source path; a dotted path lifts it out of sub-documents. */
    record From(String path, RuleOptions options) implements FieldRule { }

    /** The first candidate that yields a non-null value; candidates are source paths or nested rules. */
    record Coalesce(List<FieldRule> candidates, RuleOptions options) implements FieldRule {
        public Coalesce {
            candidates = List.copyOf(candidates);
        }
    }

    /** A generated value; {@code uuid} is derived from the source key and the field path, so it is stable. */
    record Generate(String kind, RuleOptions options) implements FieldRule { }

    /** Text with {@code {field}} placeholders naming other fields of the same target object. */
    record Template(String template, RuleOptions options) implements FieldRule {
        private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

        /** The field names the template refers to, in order of appearance. */
        public List<String> placeholders() {
            List<String> names = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                names.add(m.group(1).trim());
            }
            return names;
        }
    }

    /** A computed value: a sandboxed JEXL expression over the source record's fields. */
    record Expr(String expression, RuleOptions options) implements FieldRule { }

    /** A constant (a scalar, a list or a document). */
    record Value(Object value, RuleOptions options) implements FieldRule { }

    /**
     * Maps every element of a source array: to a new object built by {@code fields}, or to one value by
     * {@code element}. Both read the element (a scalar element is {@code value}); {@code filter}, a condition on the
     * element, keeps only the elements for which it holds (null for all).
     */
    record Each(String path, Map<String, FieldRule> fields, FieldRule element, String filter, RuleOptions options)
            implements FieldRule {
        public Each {
            fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            if ((fields == null) == (element == null)) {
                throw new IllegalArgumentException("each takes fields or element, one of them");
            }
        }

        public Each(String path, Map<String, FieldRule> fields, RuleOptions options) {
            this(path, fields, null, null, options);
        }
    }

    /**
     * Related records from another table or collection of the source's database, fetched for a whole batch at a time:
     * an array of them ({@code embed}, one-to-many: child rows by foreign key) or one ({@code embed_one}, many-to-one:
     * the record this one refers to, or null). Each is built by {@code fields} (its whole record when null), which may
     * embed again (customer → orders → order items).
     *
     * @param id       names this relation in the plan (its plan path), which the fetched records are kept under
     * @param relation the related table ({@code schema.table}) or collection
     * @param many     an array ({@code embed}) or one record ({@code embed_one})
     * @param match    related field → field of the record it hangs from; empty: a PostgreSQL foreign key between them
     * @param orderBy  the array's order: field names, each optionally followed by {@code desc}; empty: the related key
     * @param where    file:line:column of the rule, for what the database says later (no such table, no foreign key)
     */
    record Embed(String id, String relation, boolean many, Map<String, String> match, List<String> orderBy,
                 Map<String, FieldRule> fields, String where, RuleOptions options) implements FieldRule {
        public Embed {
            match = Collections.unmodifiableMap(new LinkedHashMap<>(match));
            orderBy = List.copyOf(orderBy);
            fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** Inside {@code each}: the element's position plus {@code offset} (1 gives 1-based step numbers). */
    record Index(int offset, RuleOptions options) implements FieldRule { }

    static FieldRule from(String path) {
        return new From(path, RuleOptions.NONE);
    }

    /**
     * The fields of the same object a rule's templates refer to (its own template, or templates nested in
     * coalesce); an {@code each} element is a scope of its own and adds nothing here.
     */
    static List<String> templateReferences(FieldRule rule) {
        if (rule instanceof Template t) {
            return t.placeholders();
        }
        List<String> names = new ArrayList<>();
        if (rule instanceof Coalesce c) {
            c.candidates().forEach(candidate -> names.addAll(templateReferences(candidate)));
        }
        return names;
    }
}
