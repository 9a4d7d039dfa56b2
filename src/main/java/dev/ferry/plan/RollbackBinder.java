package dev.ferry.plan;

import dev.ferry.expr.ClosestName;
import java.util.List;

/** Binds {@code rollback}: a map {@code { strategy, verify }} or just the strategy name. */
final class RollbackBinder {
    private static final List<String> STRATEGIES = List.of(RollbackSpec.UNDO_LOG);

    private final PlanProblems problems;

    RollbackBinder(PlanProblems problems) {
        this.problems = problems;
    }

    RollbackSpec bind(PlanNode node) {
        RollbackSpec defaults = RollbackSpec.defaults();
        if (node instanceof PlanNode.Scalar s && s.value() instanceof String strategy) {
            return new RollbackSpec(strategy(strategy, node), defaults.verify());
        }
        if (!(node instanceof PlanNode.MapNode map)) {
            problems.at(node, "rollback", "expected a map { strategy, verify } or a strategy name, got " + node.kind());
            return defaults;
        }
        MapNodeReader r = new MapNodeReader(map, "rollback", problems);
        String strategy = r.string("strategy", false)
                .map(s -> strategy(s, map.entry("strategy").orElseThrow().value())).orElse(defaults.strategy());
        boolean verify = r.bool("verify").orElse(defaults.verify());
        r.rejectUnknownKeys();
        return new RollbackSpec(strategy, verify);
    }

    private String strategy(String name, PlanNode at) {
        if (!STRATEGIES.contains(name)) {
            problems.at(at, "rollback.strategy", "unknown rollback strategy '" + name + "'"
                    + ClosestName.hint(name, STRATEGIES) + "; one of " + String.join(", ", STRATEGIES));
        }
        return name;
    }
}
