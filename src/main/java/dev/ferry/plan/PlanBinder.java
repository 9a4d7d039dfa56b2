package dev.ferry.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Binds the node tree of a plan file to a {@link Plan}, collecting every error rather than stopping at one. */
final class PlanBinder {
    private final PlanProblems problems;
    private final FieldsBinder fields;
    /** Every target collection named, bound or not, so checks that name one are judged even when a target is wrong. */
    private final List<String> targetNames = new ArrayList<>();

    /** Collections Ferry keeps for itself (runs, undo log, quarantine, leases): never a plan's target. */
    static final String JOURNAL_PREFIX = TargetBinder.JOURNAL_PREFIX;

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
        int partitions = plan.integer("partitions").map(n -> partitions(n, map)).orElse(1);
        batch = new BatchSpec(batch.size(), partitions);
        // a table and a collection of the same name are different things: compare names within one store only
        String sourceCollection = source.map(s -> s.store() + ":" + s.collection()).orElse(null);
        List<TargetSpec> targets = plan.list("targets", true).map(l -> targets(l, sourceCollection)).orElse(List.of());
        Guardrails guardrails = plan.map("guardrails", false).map(g -> new GuardrailsBinder(problems).bind(g))
                .orElse(Guardrails.defaults());
        RetrySpec retry = plan.map("retry", false).map(r -> new RetryBinder(problems).bind(r)).orElse(RetrySpec.none());
        List<CheckSpec> validation = plan.list("validation", false)
                .map(v -> new ValidationBinder(problems).bind(v, targetNames)).orElse(ValidationBinder.defaults());
        RollbackSpec rollback = plan.node("rollback", false).map(r -> new RollbackBinder(problems).bind(r))
                .orElse(RollbackSpec.defaults());
        plan.rejectUnknownKeys();
        problems.throwIfAny();
        return new Plan(name.orElseThrow(), file, hash, source.orElseThrow(), batch, targets, guardrails, validation,
                rollback, retry);
    }

    private Optional<SourceSpec> source(PlanNode.MapNode node) {
        MapNodeReader source = new MapNodeReader(node, "source", problems);
        Optional<SourceName> name = new SourceNames(problems).bind(source, node);
        Optional<StoreName> named = name.map(SourceName::store);
        String key = source.string("key", false).orElse(null);
        Document filter = source.map("filter", false).map(PlanNode.MapNode::toJava).orElse(null);
        source.rejectUnknownKeys();
        if (key != null && named.filter(n -> n.store() == StoreKind.MONGO).isPresent()) {
            Optional<String> keyProblem = MongoNames.keyProblem(key);
            keyProblem.ifPresent(p -> problems.at(node.entry("key").orElseThrow().value(), "source.key", p));
            if (keyProblem.isPresent()) {
                return Optional.empty();
            }
        }
        if (named.filter(n -> n.store() == StoreKind.POSTGRES).isPresent()) {
            if (filter != null) {
                problems.at(node.entry("filter").orElseThrow().value(), "source.filter", "a table source takes no"
                        + " filter (it is a MongoDB filter); migrate the whole table, or select rows with view: or"
                        + " query:");
            }
            if (key == null) {
                problems.at(node, "source", "a table, view or query source needs 'key: <column>': a unique, not-null"
                        + " column (e.g. the primary key) that batches are paged on");
            }
        }
        return name.map(n -> new SourceSpec(n.store().name(), filter, key, n.store().store(), n.query()));
    }

    /** A collection or a table: {@code collection: name} or {@code table: schema.name}, exactly one of them. */
    private Optional<StoreName> storeName(MapNodeReader reader, PlanNode.MapNode node, String path) {
        return storeName(problems, reader, node, path);
    }

    static Optional<StoreName> storeName(PlanProblems problems, MapNodeReader reader, PlanNode.MapNode node,
                                         String path) {
        boolean hasTable = node.entry("table").isPresent();
        if (hasTable && node.entry("collection").isPresent()) {
            problems.at(node, path, "give either 'collection' (MongoDB) or 'table' (PostgreSQL), not both");
        }
        if (hasTable) {
            reader.node("collection", false);
            return reader.string("table", true).map(t -> new StoreName(t, StoreKind.POSTGRES));
        }
        reader.node("table", false);
        Optional<String> collection = reader.string("collection", true);
        Optional<String> problem = collection.flatMap(MongoNames::collectionProblem);
        problem.ifPresent(p -> problems.at(node.entry("collection").orElseThrow().value(), path + ".collection", p));
        return collection.filter(c -> problem.isEmpty()).map(c -> new StoreName(c, StoreKind.MONGO));
    }

    record StoreName(String name, StoreKind store) { }

    /** A source's name and store, and its query text for a query source (else null). */
    record SourceName(StoreName store, String query) { }

    /** {@code partitions: N}: the run in N key ranges at once, 1 to {@link BatchSpec#MAX_PARTITIONS}. */
    private int partitions(long n, PlanNode.MapNode plan) {
        if (n < 1 || n > BatchSpec.MAX_PARTITIONS) {
            problems.at(plan.entry("partitions").orElseThrow().value(), "partitions", "partitions must be 1 to "
                    + BatchSpec.MAX_PARTITIONS + " (key ranges worked at once), got " + n);
            return 1;
        }
        return (int) n;
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
        TargetBinder binder = new TargetBinder(problems, fields, sourceCollection);
        List<TargetSpec> targets = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            binder.bind(list.items().get(i), "targets[" + i + "]", targets, targetNames).ifPresent(targets::add);
        }
        return targets;
    }
}
