package dev.ferry.engine.split;

import dev.ferry.format.HumanFormat;
import dev.ferry.plan.Plan;
import dev.ferry.plan.SourcePaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches the records a preview or dry run reads for the source fields the plan's rules read, and names every field
 * none of them had, with the closest field they did have: a misspelt {@code from: titel} otherwise yields nothing on
 * every record and passes as an optional field. A warning, not an error: optional fields exist.
 */
final class UnseenSourceFields {

    /** Field names are collected from this many records for "did you mean" (a full walk of every record costs). */
    private static final int NAMES_FROM = 1_000;

    private final Map<String, List<String>> unseen = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    private long records;

    UnseenSourceFields(Plan plan) {
        for (SourcePaths.Use use : SourcePaths.of(plan)) {
            unseen.computeIfAbsent(use.path(), p -> new ArrayList<>()).add(use.rule());
        }
    }

    void add(Map<String, ?> record) {
        records++;
        if (records <= NAMES_FROM) {
            collectNames("", record);
        }
        if (!unseen.isEmpty()) {
            unseen.keySet().removeIf(path -> present(record, path));
        }
    }

    /** One line per field no record had: which rules read it, and the closest field records did have. */
    List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (records == 0) {
            return out;
        }
        unseen.forEach((path, rules) -> out.add("source field '" + path + "' (read by " + String.join(", ", rules)
                + ") is in none of the " + HumanFormat.count(records) + " records read"
                + SourcePaths.closest(path, known).map(n -> ": did you mean '" + n + "'?")
                .orElse("; if it is optional, this is expected")));
        return out;
    }

    /** Whether {@code record} holds {@code path} ({@code a.b}, or {@code a[].b} for a field of an array's elements). */
    static boolean present(Object record, String path) {
        if (path.isEmpty()) {
            return true;
        }
        int dot = path.indexOf('.');
        String step = dot < 0 ? path : path.substring(0, dot);
        String rest = dot < 0 ? "" : path.substring(dot + 1);
        boolean array = step.endsWith("[]");
        String name = array ? step.substring(0, step.length() - 2) : step;
        if (!(record instanceof Map<?, ?> map) || !map.containsKey(name)) {
            return false;
        }
        Object value = map.get(name);
        if (!array) {
            return present(value, rest);
        }
        if (value instanceof List<?> elements) {
            for (Object element : elements) {
                if (present(element, rest)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void collectNames(String prefix, Map<?, ?> doc) {
        doc.forEach((key, value) -> {
            String path = prefix + key;
            known.add(path);
            if (value instanceof Map<?, ?> sub) {
                collectNames(path + ".", sub);
            } else if (value instanceof List<?> list) {
                list.stream().filter(Map.class::isInstance).limit(20)
                        .forEach(element -> collectNames(path + "[].", (Map<?, ?>) element));
            }
        });
    }
}
