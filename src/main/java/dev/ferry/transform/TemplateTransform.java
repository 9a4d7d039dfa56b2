package dev.ferry.transform;

import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;

/**
 * Text with placeholders filled from other fields of the same target object ({@code "{dataset_id}_config"}).
 * The fields it names are produced before it ({@link CompiledFields} orders them).
 */
final class TemplateTransform implements FieldTransform {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private final String template;

    TemplateTransform(String template) {
        this.template = template;
    }

    @Override
    public Object apply(MappingScope scope) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).trim();
            Object value = scope.built().get(name);
            if (value == null) {
                throw new TransformException("template \"" + template + "\": field {" + name + "} has no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(Object value) {
        if (value instanceof ObjectId id) {
            return id.toHexString();
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        return String.valueOf(value);
    }
}
