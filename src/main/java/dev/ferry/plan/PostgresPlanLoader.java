package dev.ferry.plan;

import dev.ferry.expr.ClosestName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a plan file whose top-level {@code kind} names a PostgreSQL operation plan. Same syntax, same error
 * reporting (file:line:column and the element at fault) as split plans; {@link #isPostgresPlan} lets callers pick.
 */
public final class PostgresPlanLoader {

    private PostgresPlanLoader() {
    }

    /** True when the file parses and has {@code kind: uuid-key-conversion} or {@code kind: postgres-operations}. */
    public static boolean isPostgresPlan(Path file) {
        try {
            return isPostgresPlan(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            return false;
        }
    }

    /** The same question of plan text not saved yet; {@code fileName} picks YAML or JSON by its extension. */
    static boolean isPostgresPlan(String text, String fileName) {
        PlanProblems ignored = new PlanProblems(fileName);
        return new PlanTreeReader(ignored).read(text, json(fileName)).flatMap(PostgresPlanLoader::kind)
                .filter(k -> k.equals(UuidKeyPlan.KIND) || k.equals(ColumnBackfillPlan.KIND)).isPresent();
    }

    public static PostgresPlan load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PlanException(List.of(new PlanError(file.toString(), 1, 1, "",
                    "cannot read the plan file: " + e.getMessage())));
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString(), file, PlanLoader.hash(bytes));
    }

    public static PostgresPlan parse(String text, String fileName) {
        return parse(text, fileName, Path.of(fileName), PlanLoader.hash(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static PostgresPlan parse(String text, String fileName, Path file, String hash) {
        PlanProblems problems = new PlanProblems(fileName);
        PlanNode root = new PlanTreeReader(problems).read(text, json(fileName)).orElse(null);
        problems.throwIfAny();
        if (!(root instanceof PlanNode.MapNode map)) {
            problems.at(root, "", "a plan is a map with kind, name and table, got " + root.kind());
            problems.throwIfAny();
            throw new IllegalStateException("unreachable");
        }
        MapNodeReader reader = new MapNodeReader(map, "", problems);
        String kind = reader.string("kind", true).orElse("");
        PostgresPlan plan = switch (kind) {
            case UuidKeyPlan.KIND -> new UuidKeyPlanBinder(problems).bind(reader, file, hash);
            case ColumnBackfillPlan.KIND -> new ColumnBackfillPlanBinder(problems).bind(reader, file, hash);
            default -> {
                map.entry("kind").ifPresent(e -> problems.at(e.value(), "kind", "unknown plan kind '" + kind
                        + "'; expected " + UuidKeyPlan.KIND + " or " + ColumnBackfillPlan.KIND
                        + ClosestName.hint(kind, List.of(UuidKeyPlan.KIND, ColumnBackfillPlan.KIND))));
                yield null;
            }
        };
        problems.throwIfAny();
        return plan;
    }

    private static Optional<String> kind(PlanNode root) {
        if (root instanceof PlanNode.MapNode map) {
            return map.entry("kind").map(PlanNode.Entry::value)
                    .filter(v -> v instanceof PlanNode.Scalar s && s.value() instanceof String)
                    .map(v -> (String) ((PlanNode.Scalar) v).value());
        }
        return Optional.empty();
    }

    private static boolean json(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".json");
    }
}
