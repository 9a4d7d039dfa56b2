package dev.ferry.plan;

import dev.ferry.expr.ClosestName;
import dev.ferry.expr.DateFunctions;
import java.util.Optional;

/**
 * Binds the options any rule may carry: {@code default}, {@code when}, {@code convert}, {@code required}, and
 * {@code type} (a created table's column type).
 */
final class RuleOptionsBinder {
    /** A type name, with a length or precision and scale, maybe an array: never SQL beyond a type. */
    private static final java.util.regex.Pattern SQL_TYPE = java.util.regex.Pattern.compile(
            "\\s*[A-Za-z][A-Za-z0-9_]*( [A-Za-z][A-Za-z0-9_]*){0,3}( ?\\(\\d{1,4}( ?, ?\\d{1,4})?\\))?(\\[\\])?\\s*");
    private final PlanProblems problems;

    RuleOptionsBinder(PlanProblems problems) {
        this.problems = problems;
    }

    RuleOptions bind(PlanNode.MapNode map, String path) {
        RuleOptions options = RuleOptions.NONE;
        Optional<PlanNode.Entry> fallback = map.entry("default");
        if (fallback.isPresent()) {
            options = options.withDefault(fallback.get().value().toJava());
        }
        Optional<String> when = string(map, "when", path);
        if (when.isPresent() && ExpressionLint.accepts(problems, when.get(), map.entry("when").orElseThrow().value(),
                path, true)) {
            options = options.withWhen(when.get());
        }
        Optional<PlanNode.Entry> convert = map.entry("convert");
        if (convert.isPresent()) {
            Optional<Conversion> conversion = convert(convert.get().value(), path);
            if (conversion.isPresent()) {
                options = options.withConvert(conversion.get());
            }
        }
        Optional<String> type = string(map, "type", path);
        if (type.isPresent()) {
            if (SQL_TYPE.matcher(type.get()).matches()) {
                options = options.withType(type.get().strip());
            } else {
                problems.at(map.entry("type").orElseThrow().value(), path + ".type", "'" + type.get() + "' is not"
                        + " a column type such as text, bigint, numeric(10,2), timestamptz, varchar(40) or text[]");
            }
        }
        Optional<PlanNode.Entry> required = map.entry("required");
        if (required.isPresent()) {
            if (required.get().value() instanceof PlanNode.Scalar s && s.value() instanceof Boolean b) {
                options = options.withRequired(b);
            } else {
                problems.at(required.get().value(), path, "required: expected a boolean, got " + required.get().value().kind());
            }
        }
        return options;
    }

    /** {@code convert: date} or {@code convert: { to: date, pattern: "dd/MM/yyyy HH:mm", zone: Europe/Paris }}. */
    private Optional<Conversion> convert(PlanNode node, String path) {
        if (node instanceof PlanNode.Scalar s && s.value() instanceof String name) {
            return type(name, node, path).map(Conversion::to);
        }
        if (!(node instanceof PlanNode.MapNode map)) {
            problems.at(node, path, "convert: expected a type such as date, or { to: date, pattern: …, zone: … },"
                    + " got " + node.kind());
            return Optional.empty();
        }
        MapNodeReader reader = new MapNodeReader(map, path + ".convert", problems);
        int before = problems.count();
        Optional<ConvertType> type = reader.string("to", true)
                .flatMap(name -> type(name, map.entry("to").orElseThrow().value(), path));
        Optional<String> pattern = reader.string("pattern", false);
        Optional<String> zone = reader.string("zone", false);
        reader.rejectUnknownKeys();
        if (type.isEmpty() || problems.count() > before) {
            return Optional.empty();
        }
        boolean dates = type.get() == ConvertType.DATE || type.get() == ConvertType.STRING;
        if (pattern.isPresent() && !dates) {
            problems.at(map.entry("pattern").orElseThrow(), path + ".convert", "pattern: only a conversion to date"
                    + " (text read with it) or to string (a date written with it) takes a pattern");
        }
        if (zone.isPresent() && type.get() != ConvertType.DATE && pattern.isEmpty()) {
            problems.at(map.entry("zone").orElseThrow(), path + ".convert", "zone: only a conversion to date, or"
                    + " one with a pattern, takes a zone");
        }
        String patternProblem = pattern.map(DateFunctions::patternProblem).orElse(null);
        if (patternProblem != null) {
            problems.at(map.entry("pattern").orElseThrow().value(), path + ".convert.pattern",
                    "'" + pattern.get() + "' " + patternProblem);
        }
        String zoneProblem = zone.map(DateFunctions::zoneProblem).orElse(null);
        if (zoneProblem != null) {
            problems.at(map.entry("zone").orElseThrow().value(), path + ".convert.zone",
                    "'" + zone.get() + "' " + zoneProblem);
        }
        return problems.count() > before ? Optional.empty()
                : Optional.of(new Conversion(type.get(), pattern.orElse(null), zone.orElse(null)));
    }

    private Optional<ConvertType> type(String name, PlanNode node, String path) {
        Optional<ConvertType> type = ConvertType.fromPlanName(name);
        if (type.isEmpty()) {
            problems.at(node, path, "unknown convert type '" + name + "'" + ClosestName.hint(name,
                    ConvertType.planNames()) + "; one of " + String.join(", ", ConvertType.planNames()));
        }
        return type;
    }

    private Optional<String> string(PlanNode.MapNode map, String key, String path) {
        Optional<PlanNode.Entry> entry = map.entry(key);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (entry.get().value() instanceof PlanNode.Scalar s && s.value() instanceof String text) {
            return Optional.of(text);
        }
        problems.at(entry.get().value(), path, key + ": expected a string, got " + entry.get().value().kind());
        return Optional.empty();
    }

}
