package dev.ferry.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a {@code fields} map (of a target, or of an {@code each} element) and checks it as a whole: a field set
 * both as a value and as a parent of another (e.g. {@code pii_report} and {@code pii_report.contains_pii}), and
 * template placeholders that name no field, the field itself, or a cycle.
 */
final class FieldsBinder {
    private final PlanProblems problems;
    private final RuleBinder rules;

    FieldsBinder(PlanProblems problems) {
        this.problems = problems;
        this.rules = new RuleBinder(problems, this);
    }

    RuleBinder rules() {
        return rules;
    }

    /**
     * The rules in plan order, or empty when any of them is wrong.
     *
     * @param hasId the fields of a target (which has an {@code _id}, and whose fields are its columns)
     */
    Optional<Map<String, FieldRule>> bind(PlanNode.MapNode fields, String path, boolean inEach, boolean hasId) {
        int before = problems.count();
        Map<String, FieldRule> bound = new LinkedHashMap<>();
        Map<String, PlanNode.Entry> entries = new LinkedHashMap<>();
        for (PlanNode.Entry e : fields.entries()) {
            String fieldPath = path + "." + e.key();
            entries.put(e.key(), e);
            if (!validName(e.key())) {
                problems.at(e, fieldPath, "'" + e.key() + "' is not a valid field name (no empty parts, no leading '$')");
            } else if (hasId && e.key().equals("_id")) {
                problems.at(e, fieldPath, "_id is set by the target's id rule, not in fields");
            }
            rules.bind(e.value(), fieldPath, inEach, hasId).ifPresent(rule -> bound.put(e.key(), rule));
        }
        checkParents(entries, path);
        new TemplateChecks(problems).check(bound, entries, path, hasId);
        return problems.count() == before ? Optional.of(bound) : Optional.empty();
    }

    private void checkParents(Map<String, PlanNode.Entry> entries, String path) {
        for (PlanNode.Entry e : entries.values()) {
            for (String parent : parents(e.key())) {
                PlanNode.Entry other = entries.get(parent);
                if (other != null) {
                    problems.at(e, path + "." + e.key(), "'" + e.key() + "' conflicts with '" + parent + "' (line "
                            + other.line() + "): a field cannot be both a value and a sub-document; map into '"
                            + parent + "' with nested keys only");
                }
            }
        }
    }

    private static List<String> parents(String key) {
        List<String> parents = new ArrayList<>();
        for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
            parents.add(key.substring(0, dot));
        }
        return parents;
    }

    private static boolean validName(String key) {
        if (key.isEmpty() || key.startsWith("$")) {
            return false;
        }
        for (String part : key.split("\\.", -1)) {
            if (part.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
