package dev.ferry.plan;

/**
 * How one target field is produced from a source record (copy, coalesce, template, expression, …).
 * The concrete rule kinds live beside this interface; {@code transform} compiles them.
 */
public interface FieldRule {
}
