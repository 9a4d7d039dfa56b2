package dev.ferry.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** The array and map functions of the library. A null first argument gives null. */
final class CollectionFunctions {
    private static final Memo<String, SandboxedExpression> CONDITIONS = new Memo<>(ExpressionSandbox::compile);

    private CollectionFunctions() {
    }

    static Object join(Object array, Object separator) {
        if (array == null) {
            return null;
        }
        List<?> items = Args.array("join", 0, array);
        String sep = Args.text("join", 1, Args.given("join", 1, separator));
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item == null) {
                continue;
            }
            if (item instanceof Map<?, ?> || Args.asList(item) != null) {
                throw Args.refused("join", 0, array, "should hold text, numbers, dates or booleans; element " + i
                        + " is " + ValueText.kind(item));
            }
            out.append(first ? "" : sep).append(Args.scalarText("join", 0, item));
            first = false;
        }
        return out.toString();
    }

    static Object filter(Object array, Object condition) {
        if (array == null) {
            return null;
        }
        List<?> items = Args.array("filter", 0, array);
        String text = Args.text("filter", 1, Args.given("filter", 1, condition));
        SandboxedExpression test;
        try {
            test = CONDITIONS.get(text);
        } catch (ExpressionRefused e) {
            throw Args.refused("filter", 1, text, "is not a condition: " + e.getMessage());
        }
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object holds;
            try {
                holds = test.evaluate(new ElementContext(items.get(i), i));
            } catch (ExpressionFailed e) {
                throw new ExpressionFailed("filter: the condition '" + text + "' failed on element " + i + ": "
                        + e.getMessage());
            }
            if (Boolean.TRUE.equals(holds)) {
                kept.add(items.get(i));
            } else if (holds != null && !Boolean.FALSE.equals(holds)) {
                throw Args.refused("filter", 1, text, "should give true or false, gave " + ValueText.describe(holds)
                        + " for element " + i);
            }
        }
        return kept;
    }

    static Object keys(Object document) {
        return document == null ? null : new ArrayList<>(stringKeys("keys", Args.map("keys", 0, document)).keySet());
    }

    static Object values(Object document) {
        return document == null ? null : new ArrayList<>(Args.map("values", 0, document).values());
    }

    static Object toEntries(Object document) {
        if (document == null) {
            return null;
        }
        List<Document> entries = new ArrayList<>();
        stringKeys("to_entries", Args.map("to_entries", 0, document))
                .forEach((k, v) -> entries.add(new Document("key", k).append("value", v)));
        return entries;
    }

    static Object fromEntries(Object array) {
        if (array == null) {
            return null;
        }
        List<?> items = Args.array("from_entries", 0, array);
        Document out = new Document();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            Object key;
            Object value;
            List<?> pair = Args.asList(item);
            if (item instanceof Map<?, ?> entry && entry.containsKey("key")) {
                key = entry.get("key");
                value = entry.get("value");
            } else if (pair != null && pair.size() == 2) {
                key = pair.get(0);
                value = pair.get(1);
            } else {
                throw Args.refused("from_entries", 0, array, "should hold {key, value} documents or [key, value]"
                        + " pairs; element " + i + " is " + ValueText.describe(item));
            }
            String name = entryKey(i, key);
            if (out.containsKey(name)) {
                throw Args.refused("from_entries", 0, array, "repeats the key \"" + name + "\" (element " + i + ")");
            }
            out.put(name, value);
        }
        return out;
    }

    private static String entryKey(int index, Object key) {
        if (key == null || key instanceof Map<?, ?> || Args.asList(key) != null) {
            throw Args.refused("from_entries", 0, key, "element " + index + " has a key that is not text or a"
                    + " number: " + ValueText.describe(key));
        }
        String name = Args.scalarText("from_entries", 0, key);
        if (name.isEmpty() || name.startsWith("$") || name.indexOf('.') >= 0 || name.indexOf('\0') >= 0) {
            throw Args.refused("from_entries", 0, key, "element " + index + " has the key \"" + name + "\", which"
                    + " cannot be a field name (empty, a leading $, a dot or NUL)");
        }
        return name;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(String function, Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw Args.refused(function, 0, map, "has a key that is not text: " + ValueText.describe(key));
            }
        }
        return (Map<String, Object>) map;
    }
}
