package dev.ferry.engine.assess;

import dev.ferry.engine.AssessReport;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Every field path seen in a set of documents, with how many documents hold it and as which BSON types.
 * Sub-documents are walked as dotted paths; arrays of documents as {@code path[].field}; the element types of
 * other arrays as {@code path[]}. Counts are per document: a field seen twice in one document counts once.
 */
final class FieldInventory {

    private final Map<String, Long> present = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> types = new LinkedHashMap<>();

    void add(Document doc) {
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        walkDocument("", doc, seen);
        seen.forEach((path, typeNames) -> {
            present.merge(path, 1L, Long::sum);
            Map<String, Long> counts = types.computeIfAbsent(path, p -> new TreeMap<>());
            typeNames.forEach(t -> counts.merge(t, 1L, Long::sum));
        });
    }

    List<AssessReport.FieldStats> fields(long sampled) {
        return present.entrySet().stream()
                .map(e -> new AssessReport.FieldStats(e.getKey(), e.getValue(), sampled, Map.copyOf(types.get(e.getKey()))))
                .toList();
    }

    private static void walkDocument(String prefix, Map<?, ?> doc, Map<String, Set<String>> seen) {
        doc.forEach((key, value) -> walk(prefix + key, value, seen));
    }

    private static void walk(String path, Object value, Map<String, Set<String>> seen) {
        seen.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(BsonTypeNames.of(value));
        if (value instanceof Map<?, ?> sub) {
            walkDocument(path + ".", sub, seen);
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Map<?, ?> sub) {
                    walkDocument(path + "[].", sub, seen);
                } else {
                    walk(path + "[]", element, seen);
                }
            }
        }
    }
}
