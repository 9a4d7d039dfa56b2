package dev.ferry.plan;

import dev.ferry.expr.ClosestName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Binds one field rule node ({@code { from: x, default: csv }}) to a {@link FieldRule}, reporting what is wrong. */
final class RuleBinder {
    static final List<String> TRANSFORMS = List.of("from", "coalesce", "generate", "template", "expr", "value", "each",
            "index", "embed", "embed_one");
    static final List<String> OPTIONS = List.of("default", "when", "convert", "required", "type");
    private static final List<String> EACH_KEYS = List.of("fields", "element", "filter");
    private static final List<String> EMBED_KEYS = List.of("match", "order_by", "fields");
    private static final List<String> GENERATORS = List.of("uuid");

    private final PlanProblems problems;
    private final FieldsBinder fields;

    RuleBinder(PlanProblems problems, FieldsBinder fields) {
        this.problems = problems;
        this.fields = fields;
    }

    Optional<FieldRule> bind(PlanNode node, String path, boolean inEach) {
        return bind(node, path, inEach, false);
    }

    /** @param column the rule is a target's own field (a column of a table), where {@code type} may be given */
    Optional<FieldRule> bind(PlanNode node, String path, boolean inEach, boolean column) {
        if (!(node instanceof PlanNode.MapNode map)) {
            problems.at(node, path, "expected a rule such as { from: field }, got " + node.kind());
            return Optional.empty();
        }
        List<PlanNode.Entry> kinds = map.entries().stream().filter(e -> TRANSFORMS.contains(e.key())).toList();
        boolean each = kinds.stream().anyMatch(e -> e.key().equals("each"));
        boolean embed = kinds.stream().anyMatch(e -> e.key().startsWith("embed"));
        List<String> allowed = Stream.of(TRANSFORMS, OPTIONS, each ? EACH_KEYS : List.<String>of(),
                embed ? EMBED_KEYS : List.<String>of()).flatMap(List::stream).distinct().toList();
        int before = problemCount();
        for (PlanNode.Entry e : map.entries()) {
            if (!allowed.contains(e.key())) {
                problems.at(e, path, "unknown transform '" + e.key() + "'" + ClosestName.hint(e.key(), allowed));
            }
        }
        if (kinds.isEmpty()) {
            if (problemCount() == before) {
                problems.at(map, path, "a rule needs one of " + String.join(", ", TRANSFORMS));
            }
            return Optional.empty();
        }
        if (kinds.size() > 1) {
            problems.at(kinds.get(1), path, "a rule has one transform, found '" + kinds.get(0).key() + "' and '"
                    + kinds.get(1).key() + "'");
            return Optional.empty();
        }
        RuleOptions options = new RuleOptionsBinder(problems).bind(map, path);
        if (options.type() != null && !column) {
            problems.at(map.entry("type").orElseThrow(), path, "type sets the column of a table the run creates: it"
                    + " goes on a target's own field, not inside each, embed or coalesce");
        }
        PlanNode.Entry kind = kinds.get(0);
        return kind(kind, map, path, inEach, options);
    }

    private Optional<FieldRule> kind(PlanNode.Entry kind, PlanNode.MapNode map, String path, boolean inEach,
                                     RuleOptions options) {
        PlanNode value = kind.value();
        return switch (kind.key()) {
            case "from" -> sourcePath(value, path).map(p -> new FieldRule.From(p, options));
            case "coalesce" -> coalesce(value, path, inEach).map(c -> new FieldRule.Coalesce(c, options));
            case "generate" -> text(value, path).filter(g -> knownGenerator(g, value, path))
                    .map(g -> new FieldRule.Generate(g, options));
            case "template" -> text(value, path).map(t -> new FieldRule.Template(t, options));
            case "expr" -> text(value, path).filter(x -> ExpressionLint.accepts(problems, x, value, path, false))
                    .map(x -> new FieldRule.Expr(x, options));
            case "value" -> Optional.of(new FieldRule.Value(value.toJava(), options));
            case "each" -> each(value, map, path, options);
            case "index" -> index(value, path, inEach, options);
            case "embed", "embed_one" -> new EmbedBinder(problems, fields).bind(kind, map, path, inEach, options);
            default -> throw new IllegalStateException(kind.key());
        };
    }

    private Optional<FieldRule> each(PlanNode value, PlanNode.MapNode map, String path, RuleOptions options) {
        Optional<String> source = sourcePath(value, path);
        Optional<PlanNode.Entry> fieldsEntry = map.entry("fields");
        Optional<PlanNode.Entry> elementEntry = map.entry("element");
        if (fieldsEntry.isPresent() == elementEntry.isPresent()) {
            String message = "each takes fields: { … } (an object per element) or element: { rule } (one value per"
                    + " element), " + (fieldsEntry.isPresent() ? "not both" : "and has neither");
            if (elementEntry.isPresent()) {
                problems.at(elementEntry.get(), path, message);
            } else {
                problems.at(map, path, message);
            }
            return Optional.empty();
        }
        MapNodeReader reader = new MapNodeReader(map, path, problems);
        Optional<String> filter = reader.string("filter", false);
        boolean filterOk = filter.isEmpty() || ExpressionLint.accepts(problems, filter.get(),
                map.entry("filter").orElseThrow().value(), path + ".filter", true);
        if (fieldsEntry.isPresent()) {
            Optional<Map<String, FieldRule>> shape = reader.map("fields", true)
                    .flatMap(f -> fields.bind(f, path + ".fields", true, false));
            return source.isPresent() && shape.isPresent() && filterOk ? Optional.of(new FieldRule.Each(source.get(),
                    shape.get(), null, filter.orElse(null), options)) : Optional.empty();
        }
        Optional<FieldRule> element = bind(elementEntry.get().value(), path + ".element", true);
        return source.isPresent() && element.isPresent() && filterOk ? Optional.of(new FieldRule.Each(source.get(),
                null, element.get(), filter.orElse(null), options)) : Optional.empty();
    }

    private Optional<FieldRule> index(PlanNode value, String path, boolean inEach, RuleOptions options) {
        if (!inEach) {
            problems.at(value, path, "index is only available inside each (it is the element's position)");
            return Optional.empty();
        }
        if (value instanceof PlanNode.Scalar s && s.value() instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Optional.of(new FieldRule.Index(n.intValue(), options));
        }
        problems.at(value, path, "index takes the number to start from (0 or 1), got " + value.kind());
        return Optional.empty();
    }

    private Optional<List<FieldRule>> coalesce(PlanNode value, String path, boolean inEach) {
        if (!(value instanceof PlanNode.ListNode list) || list.items().isEmpty()) {
            problems.at(value, path, "coalesce takes a non-empty list of source fields or rules, got " + value.kind());
            return Optional.empty();
        }
        List<FieldRule> candidates = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            PlanNode item = list.items().get(i);
            Optional<FieldRule> rule = item instanceof PlanNode.Scalar
                    ? sourcePath(item, path + ".coalesce[" + i + "]").map(FieldRule::from)
                    : bind(item, path + ".coalesce[" + i + "]", inEach);
            rule.ifPresent(candidates::add);
            ok &= rule.isPresent();
        }
        return ok ? Optional.of(candidates) : Optional.empty();
    }

    private Optional<String> sourcePath(PlanNode node, String path) {
        Optional<String> text = text(node, path);
        if (text.isPresent() && (text.get().isBlank() || text.get().startsWith(".") || text.get().endsWith("."))) {
            problems.at(node, path, "'" + text.get() + "' is not a source field path");
            return Optional.empty();
        }
        return text;
    }

    private Optional<String> text(PlanNode node, String path) {
        if (node instanceof PlanNode.Scalar s && s.value() instanceof String text) {
            return Optional.of(text);
        }
        problems.at(node, path, "expected a string, got " + node.kind());
        return Optional.empty();
    }

    private boolean knownGenerator(String name, PlanNode node, String path) {
        if (GENERATORS.contains(name)) {
            return true;
        }
        problems.at(node, path, "unknown generator '" + name + "'" + ClosestName.hint(name, GENERATORS));
        return false;
    }

    private int problemCount() {
        return problems.count();
    }
}
