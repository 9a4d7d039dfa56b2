package dev.ferry.plan;

import java.util.Optional;
import org.apache.commons.jexl3.JexlException;

/** Binds the options any rule may carry: {@code default}, {@code when}, {@code convert}, {@code required}. */
final class RuleOptionsBinder {
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
        if (when.isPresent() && compiles(problems, when.get(), map.entry("when").orElseThrow().value(), path)) {
            options = options.withWhen(when.get());
        }
        Optional<String> convert = string(map, "convert", path);
        if (convert.isPresent()) {
            Optional<ConvertType> type = ConvertType.fromPlanName(convert.get());
            if (type.isPresent()) {
                options = options.withConvert(type.get());
            } else {
                problems.at(map.entry("convert").orElseThrow().value(), path, "unknown convert type '" + convert.get()
                        + "'" + ClosestName.hint(convert.get(), ConvertType.planNames())
                        + "; one of " + String.join(", ", ConvertType.planNames()));
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

    /** Compiles at load, so a refused or malformed expression stops the plan before any record is read. */
    static boolean compiles(PlanProblems problems, String expression, PlanNode node, String path) {
        try {
            ExpressionSandbox.compile(expression);
            return true;
        } catch (JexlException e) {
            problems.at(node, path, "bad expression '" + expression + "': " + ExpressionSandbox.explain(e));
            return false;
        }
    }
}
