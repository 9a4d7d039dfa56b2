package dev.ferry.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** Binds the node tree of a plan file to a {@link Plan}, collecting every error rather than stopping at one. */
final class PlanBinder {
    private final PlanProblems problems;
    private final FieldsBinder fields;
    /** Every target collection named, bound or not, so checks that name one are judged even when a target is wrong. */
    private final List<String> targetNames = new ArrayList<>();

    /** Collections Ferry keeps for itself (runs, undo log, quarantine, leases): never a plan's target. */
    static final String JOURNAL_PREFIX = "ferry_";

    PlanBinder(PlanProblems problems) {
        this.problems = problems;
        this.fields = new FieldsBinder(problems);
    }

    Plan bind(PlanNode root, Path file, String hash) {
        if (!(root instanceof PlanNode.MapNode map)) {
            problems.at(root, "", "a plan is a map with name, source and targets, got " + root.kind());
            problems.throwIfAny();
            throw new IllegalStateException();
        }
        MapNodeReader plan = new MapNodeReader(map, "", problems);
        Optional<String> name = plan.string("name", true);
        plan.string("description", false);
        Optional<SourceSpec> source = plan.map("source", true).flatMap(this::source);
        BatchSpec batch = plan.map("batch", false).flatMap(this::batch).orElse(new BatchSpec(BatchSpec.DEFAULT_SIZE));
        String sourceCollection = source.map(SourceSpec::collection).orElse(null);
        List<TargetSpec> targets = plan.list("targets", true).map(l -> targets(l, sourceCollection)).orElse(List.of());
        Guardrails guardrails = plan.map("guardrails", false).map(g -> new GuardrailsBinder(problems).bind(g))
                .orElse(Guardrails.none());
        List<CheckSpec> validation = plan.list("validation", false)
                .map(v -> new ValidationBinder(problems).bind(v, targetNames)).orElse(ValidationBinder.defaults());
        RollbackSpec rollback = plan.node("rollback", false).map(r -> new RollbackBinder(problems).bind(r))
                .orElse(RollbackSpec.defaults());
        plan.rejectUnknownKeys();
        problems.throwIfAny();
        return new Plan(name.orElseThrow(), file, hash, source.orElseThrow(), batch, targets, guardrails, validation,
                rollback);
    }

    private Optional<SourceSpec> source(PlanNode.MapNode node) {
        MapNodeReader source = new MapNodeReader(node, "source", problems);
        Optional<String> collection = source.string("collection", true);
        String key = source.string("key", false).orElse(null);
        Document filter = source.map("filter", false).map(PlanNode.MapNode::toJava).orElse(null);
        source.rejectUnknownKeys();
        return collection.map(c -> new SourceSpec(c, filter, key));
    }

    private Optional<BatchSpec> batch(PlanNode.MapNode node) {
        MapNodeReader batch = new MapNodeReader(node, "batch", problems);
        Optional<Long> size = batch.integer("size");
        batch.rejectUnknownKeys();
        if (size.isPresent() && (size.get() < 1 || size.get() > Integer.MAX_VALUE)) {
            problems.at(node.entry("size").orElseThrow().value(), "batch.size",
                    "batch size must be at least 1, got " + size.get());
            return Optional.empty();
        }
        return size.map(s -> new BatchSpec(s.intValue()));
    }

    private List<TargetSpec> targets(PlanNode.ListNode list, String sourceCollection) {
        if (list.items().isEmpty()) {
            problems.at(list, "targets", "a plan needs at least one target");
        }
        List<TargetSpec> targets = new ArrayList<>();
        Map<String, PlanNode> seen = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String path = "targets[" + i + "]";
            PlanNode item = list.items().get(i);
            if (!(item instanceof PlanNode.MapNode map)) {
                problems.at(item, path, "expected a map with collection, id and fields, got " + item.kind());
                continue;
            }
            MapNodeReader target = new MapNodeReader(map, path, problems);
            Optional<String> collection = target.string("collection", true);
            collection.ifPresent(targetNames::add);
            Optional<FieldRule> id = target.node("id", true).flatMap(n -> fields.rules().bind(n, path + ".id", false));
            Optional<Map<String, FieldRule>> rules = target.map("fields", true)
                    .flatMap(f -> fields.bind(f, path + ".fields", false, true));
            target.rejectUnknownKeys();
            collection.filter(c -> c.startsWith(JOURNAL_PREFIX)).ifPresent(c -> problems.at(
                    map.entry("collection").orElseThrow().value(), path + ".collection", "'" + c + "' is a name"
                    + " Ferry keeps for its journal (" + JOURNAL_PREFIX + "*); choose another target collection"));
            collection.filter(c -> c.equals(sourceCollection)).ifPresent(c -> problems.at(
                    map.entry("collection").orElseThrow().value(), path + ".collection", "target '" + c + "' is the"
                    + " plan's source: a run would read what it writes; write to another collection"));
            collection.filter(c -> seen.putIfAbsent(c, map) != null).ifPresent(c -> problems.at(
                    map.entry("collection").orElseThrow().value(), path + ".collection",
                    "target '" + c + "' is given twice (first at line " + seen.get(c).line() + ")"));
            if (collection.isPresent() && id.isPresent() && rules.isPresent()) {
                targets.add(new TargetSpec(collection.get(), id.get(), rules.get()));
            }
        }
        return targets;
    }
}
