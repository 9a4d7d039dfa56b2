package dev.ferry.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds a target's {@code indexes}: each {@code { keys: { user_id: 1, created_at: -1 }, unique: true, name: … }}, the
 * way runbook 000 lists its post-migration indexes and a migration set's {@code create_index} writes them.
 */
final class TargetIndexes {
    private final PlanProblems problems;

    TargetIndexes(PlanProblems problems) {
        this.problems = problems;
    }

    List<TargetOptions.IndexSpec> bind(PlanNode.ListNode list, String path) {
        List<TargetOptions.IndexSpec> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            String at = path + "[" + i + "]";
            PlanNode item = list.items().get(i);
            if (!(item instanceof PlanNode.MapNode map)) {
                problems.at(item, at, "expected { keys: { field: 1 }, unique: true }, got " + item.kind());
                continue;
            }
            MapNodeReader reader = new MapNodeReader(map, at, problems);
            Optional<List<TargetOptions.IndexKey>> keys = reader.map("keys", true).map(k -> keys(k, at + ".keys"));
            boolean unique = reader.bool("unique").orElse(false);
            Optional<String> name = reader.string("name", false);
            reader.rejectUnknownKeys();
            keys.filter(k -> !k.isEmpty()).ifPresent(k -> out.add(new TargetOptions.IndexSpec(k, unique,
                    name.orElse(null))));
        }
        return out;
    }

    private List<TargetOptions.IndexKey> keys(PlanNode.MapNode node, String path) {
        List<TargetOptions.IndexKey> keys = new ArrayList<>();
        if (node.entries().isEmpty()) {
            problems.at(node, path, "an index needs at least one key, e.g. { user_id: 1 }");
        }
        for (PlanNode.Entry e : node.entries()) {
            if (e.value() instanceof PlanNode.Scalar s && s.value() instanceof Number n
                    && (n.doubleValue() == 1 || n.doubleValue() == -1)) {
                keys.add(new TargetOptions.IndexKey(e.key(), n.intValue()));
            } else {
                problems.at(e.value(), path + "." + e.key(), "expected 1 (ascending) or -1 (descending), got "
                        + (e.value() instanceof PlanNode.Scalar s ? String.valueOf(s.value()) : e.value().kind()));
            }
        }
        return keys;
    }
}
