package dev.ferry.transform;

import java.util.List;

/** The first candidate with a non-null value ({@code coalesce: [row_count, num_rows]}). */
final class CoalesceTransform implements FieldTransform {
    private final List<FieldTransform> candidates;

    CoalesceTransform(List<FieldTransform> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    @Override
    public Object apply(MappingScope scope) {
        boolean sawNull = false;
        for (FieldTransform candidate : candidates) {
            Object value = candidate.apply(scope);
            if (value == null) {
                sawNull = true;
            } else if (value != ABSENT) {
                return value;
            }
        }
        // All present values were null: keep the null, as a plain copy would; nothing present: leave the field out.
        return sawNull ? null : ABSENT;
    }
}
