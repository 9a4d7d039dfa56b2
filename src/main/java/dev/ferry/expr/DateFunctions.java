package dev.ferry.expr;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;

/**
 * Dates read from and written as text with a pattern and a zone: the functions {@code parse_date} and
 * {@code format_date}, and {@code convert} with a pattern. Patterns are java.time's letters; they are resolved
 * strictly, so 2021-02-30 is refused rather than moved to the 28th.
 */
public final class DateFunctions {
    private static final Memo<String, DateTimeFormatter> PATTERNS = new Memo<>(DateFunctions::formatter);

    private DateFunctions() {
    }

    /** The date a text gives under a pattern; a time without an offset is in {@code zone} (UTC when null). */
    public static Date parse(String text, String pattern, String zone) {
        DateTimeFormatter formatter = PATTERNS.get(pattern);
        ZoneId in = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        TemporalAccessor parsed = formatter.parseBest(text.strip(), ZonedDateTime::from, OffsetDateTime::from,
                LocalDateTime::from, LocalDate::from);
        Instant instant;
        if (parsed instanceof ZonedDateTime z) {
            instant = z.toInstant();
        } else if (parsed instanceof OffsetDateTime o) {
            instant = o.toInstant();
        } else if (parsed instanceof LocalDateTime local) {
            instant = local.atZone(in).toInstant();
        } else {
            instant = ((LocalDate) parsed).atStartOfDay(in).toInstant();
        }
        return Date.from(instant);
    }

    /** A date as text under a pattern, in {@code zone} (UTC when null). */
    public static String format(Date date, String pattern, String zone) {
        ZoneId in = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        return PATTERNS.get(pattern).format(date.toInstant().atZone(in));
    }

    /** Why a pattern cannot be used, or null when it can (for lint and the plan loader). */
    public static String patternProblem(String pattern) {
        try {
            PATTERNS.get(pattern);
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a date pattern: " + e.getMessage();
        }
    }

    /** Why a zone cannot be used, or null when it can. */
    public static String zoneProblem(String zone) {
        try {
            ZoneId.of(zone);
            return null;
        } catch (DateTimeException e) {
            return "is not a time zone (use a region such as 'Europe/Paris', 'UTC' or an offset such as '+02:00')";
        }
    }

    static Object parseDate(Object text, Object pattern, Object zone) {
        if (text == null) {
            return null;
        }
        String s = Args.text("parse_date", 0, text);
        String p = checkedPattern("parse_date", 1, pattern);
        String z = zone == null ? null : checkedZone("parse_date", 2, zone);
        try {
            return parse(s, p, z);
        } catch (DateTimeParseException e) {
            throw Args.refused("parse_date", 0, text, "does not match the pattern '" + p + "'"
                    + (e.getErrorIndex() >= 0 ? " at position " + e.getErrorIndex() : "") + reason(e));
        } catch (DateTimeException e) {
            throw Args.refused("parse_date", 0, text, "is not a date under the pattern '" + p + "': " + e.getMessage());
        }
    }

    static Object formatDate(Object date, Object pattern, Object zone) {
        if (date == null) {
            return null;
        }
        Date d = Args.date("format_date", 0, date);
        String p = checkedPattern("format_date", 1, pattern);
        String z = zone == null ? null : checkedZone("format_date", 2, zone);
        try {
            return format(d, p, z);
        } catch (DateTimeException e) {
            throw Args.refused("format_date", 1, p, "cannot format a date: " + e.getMessage());
        }
    }

    private static String checkedPattern(String function, int index, Object pattern) {
        String p = Args.text(function, index, Args.given(function, index, pattern));
        String problem = patternProblem(p);
        if (problem != null) {
            throw Args.refused(function, index, p, problem);
        }
        return p;
    }

    private static String checkedZone(String function, int index, Object zone) {
        String z = Args.text(function, index, zone);
        String problem = zoneProblem(z);
        if (problem != null) {
            throw Args.refused(function, index, z, problem);
        }
        return z;
    }

    private static String reason(DateTimeParseException e) {
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    }

    /**
     * Strict resolving needs 'u' (proleptic year) where people write 'y' (year of era, which strict resolving
     * cannot use without an era); outside quoted text, and only when the pattern names no era.
     */
    private static DateTimeFormatter formatter(String pattern) {
        String strictYears = pattern.indexOf('G') >= 0 ? pattern : yearsAsProleptic(pattern);
        return DateTimeFormatter.ofPattern(strictYears, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    private static String yearsAsProleptic(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            out.append(!quoted && c == 'y' ? 'u' : c);
        }
        return out.toString();
    }
}
