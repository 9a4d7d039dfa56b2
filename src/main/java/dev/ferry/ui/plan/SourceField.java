package dev.ferry.ui.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A field of a sampled source record as the rule picker's tree shows it: its name, the dotted path a rule reads it by
 * ({@code statistics.mean}, {@code data_schema.0.name}), a short rendering of its value, and its own fields.
 */
public record SourceField(String name, String path, String value, List<SourceField> children) {

    /** Elements of an array shown; a rule reads by position, and the first ones show the shape. */
    static final int ELEMENTS_SHOWN = 20;
    private static final int VALUE_CHARS = 60;

    public SourceField {
        children = List.copyOf(children);
    }

    /** The top-level fields of {@code record}, each with its sub-fields and elements. */
    public static List<SourceField> of(Map<String, Object> record) {
        return record == null ? List.of() : fields(record, "");
    }

    private static List<SourceField> fields(Map<?, ?> map, String prefix) {
        List<SourceField> fields = new ArrayList<>();
        map.forEach((key, value) -> fields.add(field(String.valueOf(key), prefix + key, value)));
        return fields;
    }

    private static SourceField field(String name, String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            return new SourceField(name, path, "{ " + map.size() + (map.size() == 1 ? " field }" : " fields }"),
                    fields(map, path + "."));
        }
        if (value instanceof List<?> list) {
            List<SourceField> elements = new ArrayList<>();
            for (int i = 0; i < Math.min(list.size(), ELEMENTS_SHOWN); i++) {
                elements.add(field(String.valueOf(i), path + "." + i, list.get(i)));
            }
            return new SourceField(name, path, "[ " + list.size() + (list.size() == 1 ? " item ]" : " items ]"),
                    elements);
        }
        return new SourceField(name, path, shortText(value), List.of());
    }

    private static String shortText(Object value) {
        String text = value == null ? "null" : value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        text = text.replace('\n', ' ');
        return text.length() > VALUE_CHARS ? text.substring(0, VALUE_CHARS - 1) + "…" : text;
    }
}
