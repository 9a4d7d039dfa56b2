package dev.ferry.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds {@code embed: table} (an array of related records) and {@code embed_one: table} (one related record), with
 * {@code match: { related field: this record's field }}, {@code order_by} and the related record's own
 * {@code fields}. What only the database knows (the table, its columns, a foreign key) is checked when a dry run or
 * run opens, and reported at this rule's line.
 */
final class EmbedBinder {
    private static final Pattern ORDER = Pattern.compile("\\s*([^\\s]+)(\\s+(?i:asc|desc))?\\s*");

    private final PlanProblems problems;
    private final FieldsBinder fields;

    EmbedBinder(PlanProblems problems, FieldsBinder fields) {
        this.problems = problems;
        this.fields = fields;
    }

    Optional<FieldRule> bind(PlanNode.Entry kind, PlanNode.MapNode map, String path, boolean inEach,
                             RuleOptions options) {
        int before = problems.count();
        if (inEach) {
            problems.at(kind, path, kind.key() + " reads related records for a whole source record, once a batch;"
                    + " it is not available inside each or a fan-out target (embed into the target, then each over it)");
        }
        if (options.convert() != null) {
            problems.at(map.entry("convert").orElseThrow(), path, "convert does not apply to " + kind.key()
                    + ": its value is " + (kind.key().equals("embed") ? "an array of records" : "a record"));
        }
        Optional<String> relation = relation(kind.value(), path);
        MapNodeReader reader = new MapNodeReader(map, path, problems);
        Map<String, String> match = reader.map("match", false).map(m -> match(m, path + ".match"))
                .orElse(Map.of());
        List<String> orderBy = reader.node("order_by", false).map(n -> orderBy(n, path + ".order_by"))
                .orElse(List.of());
        if (kind.key().equals("embed_one") && map.entry("order_by").isPresent()) {
            problems.at(map.entry("order_by").orElseThrow(), path, "order_by orders an array: embed_one gives one"
                    + " record");
        }
        Optional<Map<String, FieldRule>> shape = reader.map("fields", false)
                .flatMap(f -> fields.bind(f, path + ".fields", false, false));
        if (problems.count() > before || relation.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FieldRule.Embed(path, relation.get(), kind.key().equals("embed"), match, orderBy,
                shape.orElse(null), problems.where(kind), options));
    }

    private Optional<String> relation(PlanNode node, String path) {
        if (node instanceof PlanNode.Scalar s && s.value() instanceof String name && !name.isBlank()) {
            return Optional.of(name.strip());
        }
        problems.at(node, path, "expected the related table (schema.table) or collection, got " + node.kind());
        return Optional.empty();
    }

    private Map<String, String> match(PlanNode.MapNode node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.entries().isEmpty()) {
            problems.at(node, path, "match names the related field and this record's field it equals, e.g."
                    + " { customer_id: customer_id }");
        }
        for (PlanNode.Entry e : node.entries()) {
            if (e.value() instanceof PlanNode.Scalar s && s.value() instanceof String local && !local.isBlank()) {
                out.put(e.key(), local);
            } else {
                problems.at(e.value(), path + "." + e.key(), "expected the field of this record that "
                        + e.key() + " equals, got " + e.value().kind());
            }
        }
        return out;
    }

    private List<String> orderBy(PlanNode node, String path) {
        List<PlanNode> items = node instanceof PlanNode.ListNode list ? list.items() : List.of(node);
        List<String> out = new ArrayList<>();
        for (PlanNode item : items) {
            if (item instanceof PlanNode.Scalar s && s.value() instanceof String text && ORDER.matcher(text).matches()) {
                out.add(text.strip().replaceAll("\\s+", " "));
            } else {
                problems.at(item, path, "expected a field name, optionally followed by desc (ordered_at desc), got "
                        + item.kind());
            }
        }
        return out;
    }
}
