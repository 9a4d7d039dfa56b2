package dev.ferry.transform;

import dev.ferry.expr.ValueText;
import java.util.Map;
import org.bson.Document;

/**
 * Puts a value at a dotted path ({@code pii_report.contains_pii}), creating the sub-documents on the way. Copied
 * values share their sub-documents with the source record (copying every record's trees would double what a run
 * allocates), so an existing sub-document is copied before a field is put into it: the source is never changed.
 */
final class NestedFields {

    private NestedFields() {
    }

    static void put(Document doc, String path, Object value) {
        if (path.indexOf('.') < 0) {
            doc.put(path, value);
            return;
        }
        String[] parts = path.split("\\.");
        Document current = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = current.get(parts[i]);
            if (child == null) {
                Document created = new Document();
                current.put(parts[i], created);
                current = created;
            } else if (child instanceof Map<?, ?> sub) {
                Document own = copyOf(sub); // may be the source's: never write into it
                current.put(parts[i], own);
                current = own;
            } else {
                // The loader rejects a field that is both a value and a parent; a plan built in code may not.
                throw new IllegalStateException("'" + path + "' needs '" + parts[i] + "' to be a sub-document, but it "
                        + "holds " + ValueText.describe(child));
            }
        }
        current.put(parts[parts.length - 1], value);
    }

    private static Document copyOf(Map<?, ?> map) {
        Document copy = new Document();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
