package dev.ferry.transform;

import dev.ferry.plan.FieldRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The compiled fields of one target object (a target document, or an element built by {@code each}). Fields are
 * produced in dependency order, so a template comes after the fields it names, and placed in plan order, dotted
 * keys nesting into sub-documents. A field that fails is reported and left out; the others are still built.
 */
final class CompiledFields {
    private final List<String> planOrder;
    private final Map<String, FieldTransform> transforms = new LinkedHashMap<>();
    private final List<String> evaluationOrder;

    CompiledFields(Map<String, FieldRule> rules) {
        this.planOrder = List.copyOf(rules.keySet());
        rules.forEach((key, rule) -> transforms.put(key, RuleCompiler.compile(rule)));
        this.evaluationOrder = dependencyOrder(rules);
    }

    /** Builds the fields into {@code out}, which may already hold {@code _id}; values also go to the scope. */
    Document build(MappingScope scope, Document out) {
        for (String key : evaluationOrder) {
            try {
                Object value = transforms.get(key).apply(scope.at(key));
                if (value != FieldTransform.ABSENT) {
                    scope.built().put(key, value);
                }
            } catch (TransformException e) {
                scope.report(scope.at(key).fieldPath(), e.getMessage());
            }
        }
        for (String key : planOrder) {
            if (scope.built().containsKey(key)) {
                NestedFields.put(out, key, scope.built().get(key));
            }
        }
        return out;
    }

    /** Plan order, except that a field comes after the fields its templates name. */
    private static List<String> dependencyOrder(Map<String, FieldRule> rules) {
        List<String> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<String> pending = new ArrayList<>(rules.keySet());
        while (!pending.isEmpty()) {
            String ready = pending.stream()
                    .filter(key -> FieldRule.templateReferences(rules.get(key)).stream()
                            .allMatch(ref -> placed.contains(ref) || !rules.containsKey(ref) || ref.equals(key)))
                    .findFirst()
                    // The loader rejects cycles; a plan built in code with one still maps, in plan order.
                    .orElse(pending.get(0));
            order.add(ready);
            placed.add(ready);
            pending.remove(ready);
        }
        return order;
    }
}
