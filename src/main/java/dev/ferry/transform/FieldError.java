package dev.ferry.transform;

/**
 * A target field that could not be produced from a source record.
 *
 * @param target  the target collection
 * @param field   the target field path
 * @param message what went wrong, naming the source field and value at fault
 */
public record FieldError(String target, String field, String message) {
    @Override
    public String toString() {
        return target + (field.startsWith("[") ? "" : ".") + field + ": " + message; // reviews[3].date
    }
}
