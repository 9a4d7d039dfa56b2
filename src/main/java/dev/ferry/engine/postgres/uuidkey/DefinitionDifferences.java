package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.store.postgres.TableDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a table's definition before the conversion with its converted table's ({@link TableDefinition} lines): the
 * converted columns may differ in type (and what comes with a type: collation, storage) and in their default only as
 * {@link DefaultConversion} converts it, and a policy may have shed the text casts of converted columns
 * ({@link ExpressionConversion}); every other line must be the same. Lists what differs, for a person.
 */
final class DefinitionDifferences {

    private static final List<String> TYPE_ASPECTS = List.of("type:", "collation:", "storage:");

    private DefinitionDifferences() {
    }

    /** Exact: a restored table against its definition before the conversion. */
    static List<String> exactly(List<String> before, List<String> after) {
        return between(before, after, Set.of(), Set.of());
    }

    /**
     * Empty when the definitions are alike; else "missing: …" and "unexpected: …" lines. {@code converted}: this
     * table's converted columns; {@code allConverted}: every converted column's name, of all the tables.
     */
    static List<String> between(List<String> before, List<String> after, Set<String> converted,
                                Set<String> allConverted) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> b = normalised(before, converted);
        List<String> a = normalised(after, converted);
        b.forEach(line -> counts.merge(line, 1, Integer::sum));
        a.forEach(line -> counts.merge(line, -1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (String line : b) {
            if (counts.getOrDefault(line, 0) > 0) {
                counts.merge(line, -1, Integer::sum);
                out.add("missing: " + line);
            }
        }
        for (String line : a) {
            if (counts.getOrDefault(line, 0) < 0) {
                counts.merge(line, 1, Integer::sum);
                String shed = "missing: " + line;
                boolean policyShedCasts = line.startsWith("policy ") && out.removeIf(m -> m.startsWith("missing: policy ")
                        && ExpressionConversion.withoutTextCasts(m, allConverted).equals(shed));
                if (!policyShedCasts) {
                    out.add("unexpected: " + line);
                }
            }
        }
        return out;
    }

    private static List<String> normalised(List<String> lines, Set<String> converted) {
        List<String> out = new ArrayList<>();
        next:
        for (String line : lines) {
            for (String column : converted) {
                String prefix = TableDefinition.columnPrefix(column);
                if (!line.startsWith(prefix)) {
                    continue;
                }
                String rest = line.substring(prefix.length());
                if (TYPE_ASPECTS.stream().anyMatch(rest::startsWith)) {
                    continue next;
                }
                if (rest.startsWith("default: ")) {
                    String expression = rest.substring("default: ".length());
                    out.add(prefix + "default: " + (expression.equals("-") ? "-" : uuidDefault(expression)));
                    continue next;
                }
            }
            out.add(line);
        }
        return out;
    }

    /** The default as the uuid column has it: text casts off, and a literal's {@code ::uuid} too. */
    private static String uuidDefault(String expression) {
        String converted = DefaultConversion.of(expression);
        return converted.matches("(?s)'(?:[^']|'')*'::uuid") ? converted.substring(0, converted.length() - 6)
                : converted;
    }
}
