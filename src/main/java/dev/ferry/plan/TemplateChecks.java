package dev.ferry.plan;

import dev.ferry.expr.ClosestName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the templates of one fields map: every placeholder names another field of the same object, and no
 * templates refer to each other in a cycle (they are evaluated after the fields they name).
 */
final class TemplateChecks {
    private final PlanProblems problems;

    TemplateChecks(PlanProblems problems) {
        this.problems = problems;
    }

    void check(Map<String, FieldRule> rules, Map<String, PlanNode.Entry> entries, String path, boolean hasId) {
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (Map.Entry<String, FieldRule> r : rules.entrySet()) {
            List<String> names = FieldRule.templateReferences(r.getValue());
            PlanNode.Entry at = entries.get(r.getKey());
            String fieldPath = path + "." + r.getKey();
            for (String name : names) {
                if (name.equals(r.getKey())) {
                    problems.at(at, fieldPath, "template refers to itself ({" + name + "})");
                } else if (name.isEmpty()) {
                    problems.at(at, fieldPath, "template has an empty placeholder {}");
                } else if (!entries.containsKey(name) && !(hasId && name.equals("_id"))) {
                    problems.at(at, fieldPath, "template placeholder {" + name + "} names no field of this target"
                            + ClosestName.hint(name, entries.keySet()));
                }
            }
            refs.put(r.getKey(), names);
        }
        reportCycles(refs, entries, path);
    }

    private void reportCycles(Map<String, List<String>> refs, Map<String, PlanNode.Entry> entries, String path) {
        Set<String> reported = new HashSet<>();
        for (String start : refs.keySet()) {
            List<String> cycle = cycleFrom(start, refs, new ArrayList<>());
            if (cycle != null && reported.add(String.join(",", cycle.stream().distinct().sorted().toList()))) {
                problems.at(entries.get(start), path + "." + start, "templates form a cycle: " + String.join(" → ", cycle));
            }
        }
    }

    /** The cycle back to the first node of {@code trail}, or null; self-references are reported elsewhere. */
    private static List<String> cycleFrom(String node, Map<String, List<String>> refs, List<String> trail) {
        if (!trail.isEmpty() && node.equals(trail.get(0))) {
            List<String> cycle = new ArrayList<>(trail);
            cycle.add(node);
            return cycle;
        }
        if (trail.contains(node)) {
            return null;
        }
        trail.add(node);
        for (String next : refs.getOrDefault(node, List.of())) {
            if (!next.equals(node)) {
                List<String> cycle = cycleFrom(next, refs, trail);
                if (cycle != null) {
                    return cycle;
                }
            }
        }
        trail.remove(trail.size() - 1);
        return null;
    }
}
