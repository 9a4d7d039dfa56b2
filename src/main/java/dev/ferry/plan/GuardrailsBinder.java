package dev.ferry.plan;

import dev.ferry.expr.ClosestName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Binds {@code guardrails}; any limit left out is not checked. */
final class GuardrailsBinder {
    private static final List<String> ACTIONS = List.of("pause", "halt", "rollback");

    private final PlanProblems problems;

    GuardrailsBinder(PlanProblems problems) {
        this.problems = problems;
    }

    Guardrails bind(PlanNode.MapNode node) {
        MapNodeReader g = new MapNodeReader(node, "guardrails", problems);
        Double maxErrorRate = g.number("max_error_rate").map(Number::doubleValue).orElse(null);
        if (maxErrorRate != null && (maxErrorRate < 0 || maxErrorRate > 1)) {
            problems.at(node.entry("max_error_rate").orElseThrow().value(), "guardrails.max_error_rate",
                    "an error rate is a fraction between 0 and 1 (0.01 = 1%), got " + maxErrorRate);
        }
        Double maxDurationFactor = positive(g, node, "max_duration_factor");
        Double minThroughput = positive(g, node, "min_throughput");
        long minRecords = g.integer("min_records").orElse(0L);
        Guardrails.BreachAction onBreach = g.string("on_breach", false).flatMap(a -> action(a, node))
                .orElse(Guardrails.BreachAction.PAUSE);
        ThrottleSpec throttle = g.map("throttle", false).map(t -> new ThrottleBinder(problems).bind(t)).orElse(null);
        g.rejectUnknownKeys();
        return new Guardrails(maxErrorRate, maxDurationFactor, minThroughput, minRecords, onBreach, false, throttle);
    }

    private Double positive(MapNodeReader g, PlanNode.MapNode node, String key) {
        Double value = g.number(key).map(Number::doubleValue).orElse(null);
        if (value != null && value <= 0) {
            problems.at(node.entry(key).orElseThrow().value(), "guardrails." + key, "expected a positive number, got " + value);
        }
        return value;
    }

    private Optional<Guardrails.BreachAction> action(String name, PlanNode.MapNode node) {
        if (ACTIONS.contains(name)) {
            return Optional.of(Guardrails.BreachAction.valueOf(name.toUpperCase(Locale.ROOT)));
        }
        problems.at(node.entry("on_breach").orElseThrow().value(), "guardrails.on_breach", "unknown on_breach '" + name
                + "'" + ClosestName.hint(name, ACTIONS) + "; one of " + String.join(", ", ACTIONS));
        return Optional.empty();
    }
}
