package dev.ferry.plan;

import dev.ferry.expr.ClosestName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Binds {@code validation}: a list of one-key maps such as {@code - sample: { size: 1000 }}. */
final class ValidationBinder {
    private static final List<String> KINDS = List.of("count", "sample", "predicate", "checksum");
    private static final int DEFAULT_SAMPLE_SIZE = 1000;

    private final PlanProblems problems;

    ValidationBinder(PlanProblems problems) {
        this.problems = problems;
    }

    /** Used when a plan names no checks: counts, a sample compared field by field, and checksums. */
    static List<CheckSpec> defaults() {
        return List.of(new CheckSpec.Count("count"), new CheckSpec.Sample("sample", DEFAULT_SAMPLE_SIZE),
                new CheckSpec.Checksum("checksum"));
    }

    List<CheckSpec> bind(PlanNode.ListNode list, List<String> targets) {
        List<CheckSpec> checks = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            String path = "validation[" + i + "]";
            PlanNode item = list.items().get(i);
            if (!(item instanceof PlanNode.MapNode map) || map.entries().size() != 1) {
                problems.at(item, path, "a check is a map with one key, one of " + String.join(", ", KINDS));
                continue;
            }
            PlanNode.Entry entry = map.entries().get(0);
            String kind = entry.key();
            if (!KINDS.contains(kind)) {
                problems.at(entry, path, "unknown check '" + kind + "'" + ClosestName.hint(kind, KINDS));
                continue;
            }
            PlanNode body = entry.value();
            // "- count:" with nothing after it is a null in YAML: the check with its defaults.
            PlanNode.MapNode settings = body instanceof PlanNode.Scalar s && s.value() == null
                    ? new PlanNode.MapNode(List.of(), body.line(), body.column()) : null;
            if (settings == null && !(body instanceof PlanNode.MapNode)) {
                problems.at(body, path + "." + kind, "expected a map, got " + body.kind());
                continue;
            }
            check(kind, settings != null ? settings : (PlanNode.MapNode) body, path + "." + kind, targets)
                    .ifPresent(checks::add);
        }
        return checks;
    }

    private Optional<CheckSpec> check(String kind, PlanNode.MapNode body, String path, List<String> targets) {
        MapNodeReader r = new MapNodeReader(body, path, problems);
        String name = r.string("name", false).orElse(kind);
        Optional<CheckSpec> check = switch (kind) {
            case "count" -> Optional.of(new CheckSpec.Count(name));
            case "checksum" -> Optional.of(new CheckSpec.Checksum(name));
            case "sample" -> sampleSize(r, body, path).map(size -> new CheckSpec.Sample(name, size));
            default -> predicate(r, body, path, name, targets);
        };
        r.rejectUnknownKeys();
        return check;
    }

    private Optional<Integer> sampleSize(MapNodeReader r, PlanNode.MapNode body, String path) {
        long size = r.integer("size").orElse((long) DEFAULT_SAMPLE_SIZE);
        if (size < 1 || size > Integer.MAX_VALUE) {
            problems.at(body.entry("size").orElseThrow().value(), path + ".size", "sample size must be at least 1, got " + size);
            return Optional.empty();
        }
        return Optional.of((int) size);
    }

    private Optional<CheckSpec> predicate(MapNodeReader r, PlanNode.MapNode body, String path, String name,
                                          List<String> targets) {
        Optional<Document> source = r.map("source", true).map(PlanNode.MapNode::toJava);
        Optional<String> target = r.string("target", true);
        Optional<Document> targetFilter = r.map("target_filter", true).map(PlanNode.MapNode::toJava);
        if (target.isPresent() && !targets.isEmpty() && !targets.contains(target.get())) {
            problems.at(body.entry("target").orElseThrow().value(), path + ".target", "no target '" + target.get()
                    + "' in this plan" + ClosestName.hint(target.get(), targets));
            return Optional.empty();
        }
        if (source.isEmpty() || target.isEmpty() || targetFilter.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CheckSpec.Predicate(name, source.get(), target.get(), targetFilter.get()));
    }
}
