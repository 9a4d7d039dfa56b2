package dev.ferry.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds the node tree of one migration file to a {@link MigrationFile}: a description, an {@code up} list of
 * operations and, where Ferry cannot derive it, a {@code down} list. Collects every error with its location.
 */
final class MigrationFileBinder {

    private final PlanProblems problems;
    private final OperationBinder operations;

    MigrationFileBinder(PlanProblems problems) {
        this.problems = problems;
        this.operations = new OperationBinder(problems);
    }

    MigrationFile bind(PlanNode root, Path file, long version, String label, String fallbackDescription,
                       String checksum) {
        if (!(root instanceof PlanNode.MapNode map)) {
            problems.at(root, "", "a migration file is a map with description, up and (where needed) down, got "
                    + root.kind());
            problems.throwIfAny();
            throw new IllegalStateException();
        }
        MapNodeReader reader = new MapNodeReader(map, "", problems);
        String description = reader.string("description", false).orElse(fallbackDescription);
        Optional<PlanNode> downNode = reader.node("down", false);
        List<OperationSpec> up = reader.node("up", true).map(n -> list(n, "up", downNode.isEmpty()))
                .orElse(List.of());
        List<OperationSpec> down = downNode.map(n -> list(n, "down", false)).orElse(List.of());
        reader.rejectUnknownKeys();
        problems.throwIfAny();
        return new MigrationFile(version, label, description, file, checksum, up, down);
    }

    /**
     * {@code up:} and {@code down:} take a list of operations, or a single one.
     *
     * @param needDerivableDown true for an up without a down section: each operation must know its own undo
     */
    private List<OperationSpec> list(PlanNode node, String path, boolean needDerivableDown) {
        List<PlanNode> items = node instanceof PlanNode.ListNode l ? l.items() : List.of(node);
        if (items.isEmpty()) {
            problems.at(node, path, "needs at least one operation");
        }
        List<OperationSpec> bound = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = node instanceof PlanNode.ListNode ? path + "[" + i + "]" : path;
            List<OperationSpec> specs = operations.bind(items.get(i), itemPath);
            if (needDerivableDown && specs.stream().anyMatch(op -> !op.derivableDown())
                    && items.get(i) instanceof PlanNode.MapNode op) {
                PlanNode.Entry kind = op.entries().get(0);
                problems.at(kind, itemPath + "." + kind.key(), "Ferry cannot derive what undoes a " + kind.key()
                        + " operation: add a 'down:' section to this file with the operations that undo it");
            }
            bound.addAll(specs);
        }
        return bound;
    }
}
