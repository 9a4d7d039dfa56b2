package dev.ferry.plan;

/**
 * A rule's {@code convert}: the type, and for dates a pattern and a zone ({@code convert: { to: date, pattern:
 * "yyyy-MM-dd HH:mm:ss", zone: Europe/Paris }}); pattern and zone are null when not given.
 */
public record Conversion(ConvertType type, String pattern, String zone) {

    public static Conversion to(ConvertType type) {
        return new Conversion(type, null, null);
    }

    /** "date", or "date with pattern 'dd/MM/yyyy' in Europe/Paris" for the mapping table. */
    public String describe() {
        return type.planName() + (pattern == null ? "" : " with pattern '" + pattern + "'")
                + (zone == null ? "" : " in " + zone);
    }
}
