package dev.ferry.ui.common;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** Documents as indented, relaxed JSON for the console's record panes. */
public final class JsonText {

    private static final JsonWriterSettings PRETTY = JsonWriterSettings.builder()
            .outputMode(JsonMode.RELAXED).indent(true).build();

    private JsonText() {
    }

    public static String of(Document doc) {
        return doc == null ? "(none)" : doc.toJson(PRETTY);
    }

    /** A fan-out target's records (one per element), as a JSON array. */
    public static String of(java.util.List<Document> docs) {
        return docs.isEmpty() ? "[] (no elements: no records)" : "[\n" + String.join(",\n", docs.stream()
                .map(d -> d.toJson(PRETTY)).toList()) + "\n]";
    }
}
