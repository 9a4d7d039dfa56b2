package dev.ferry.plan;

import dev.ferry.expr.ClosestName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the keys of one map node with their expected types, recording an error (with its location) for every
 * missing, mistyped or unknown key instead of stopping at the first.
 */
final class MapNodeReader {
    private final PlanNode.MapNode map;
    private final String path;
    private final PlanProblems problems;
    private final Set<String> known = new LinkedHashSet<>();

    MapNodeReader(PlanNode.MapNode map, String path, PlanProblems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The node under {@code key}; records "missing required key" when required and absent. */
    Optional<PlanNode> node(String key, boolean required) {
        known.add(key);
        Optional<PlanNode> node = map.entry(key).map(PlanNode.Entry::value);
        if (node.isEmpty() && required) {
            problems.at(map, path, "missing required key '" + key + "'");
        }
        return node;
    }

    Optional<String> string(String key, boolean required) {
        return node(key, required).flatMap(n -> scalar(n, key, String.class, "a string"));
    }

    Optional<Boolean> bool(String key) {
        return node(key, false).flatMap(n -> scalar(n, key, Boolean.class, "a boolean"));
    }

    Optional<Number> number(String key) {
        return node(key, false).flatMap(n -> scalar(n, key, Number.class, "a number"));
    }

    /** A whole number; a fraction is reported. */
    Optional<Long> integer(String key) {
        return number(key).flatMap(n -> {
            if (n instanceof Double d && d != Math.rint(d)) {
                problems.at(map.entry(key).orElseThrow().value(), childPath(key), "expected a whole number, got " + n);
                return Optional.empty();
            }
            return Optional.of(n.longValue());
        });
    }

    Optional<PlanNode.MapNode> map(String key, boolean required) {
        return node(key, required).flatMap(n -> typed(n, key, PlanNode.MapNode.class, "a map"));
    }

    Optional<PlanNode.ListNode> list(String key, boolean required) {
        return node(key, required).flatMap(n -> typed(n, key, PlanNode.ListNode.class, "a list"));
    }

    /** Records every key that no reader call asked for, with the closest known key as a hint. */
    void rejectUnknownKeys() {
        rejectUnknownKeys(List.of());
    }

    void rejectUnknownKeys(List<String> alsoKnown) {
        known.addAll(alsoKnown);
        for (PlanNode.Entry e : map.entries()) {
            if (!known.contains(e.key())) {
                problems.at(e, childPath(e.key()), "unknown key '" + e.key() + "'" + ClosestName.hint(e.key(), known));
            }
        }
    }

    private <T> Optional<T> scalar(PlanNode node, String key, Class<T> type, String expected) {
        if (node instanceof PlanNode.Scalar s && type.isInstance(s.value())) {
            return Optional.of(type.cast(s.value()));
        }
        problems.at(node, childPath(key), "expected " + expected + ", got " + node.kind());
        return Optional.empty();
    }

    private <T extends PlanNode> Optional<T> typed(PlanNode node, String key, Class<T> type, String expected) {
        if (type.isInstance(node)) {
            return Optional.of(type.cast(node));
        }
        problems.at(node, childPath(key), "expected " + expected + ", got " + node.kind());
        return Optional.empty();
    }
}
