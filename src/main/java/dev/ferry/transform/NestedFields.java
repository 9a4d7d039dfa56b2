package dev.ferry.transform;

import org.bson.Document;

/** Puts a value at a dotted path ({@code pii_report.contains_pii}), creating the sub-documents on the way. */
final class NestedFields {

    private NestedFields() {
    }

    static void put(Document doc, String path, Object value) {
        String[] parts = path.split("\\.");
        Document current = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = current.get(parts[i]);
            if (child == null) {
                Document created = new Document();
                current.put(parts[i], created);
                current = created;
            } else if (child instanceof Document sub) {
                current = sub;
            } else {
                // The loader rejects a field that is both a value and a parent; a plan built in code may not.
                throw new IllegalStateException("'" + path + "' needs '" + parts[i] + "' to be a sub-document, but it "
                        + "holds " + ValueText.describe(child));
            }
        }
        current.put(parts[parts.length - 1], value);
    }
}
