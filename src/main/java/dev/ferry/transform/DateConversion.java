package dev.ferry.transform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

/**
 * Conversion to {@link Date} (the only date type put into documents): ISO-8601 date-times (with an offset, or
 * without one read as UTC), {@code yyyy-MM-dd} dates (midnight UTC), and epoch milliseconds.
 */
final class DateConversion {
    private static final List<Function<String, Instant>> FORMATS = List.of(
            Instant::parse,
            text -> OffsetDateTime.parse(text).toInstant(),
            text -> LocalDateTime.parse(text).toInstant(ZoneOffset.UTC),
            text -> LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());

    private DateConversion() {
    }

    /** As {@link #toDate(Object)}, a date-time without an offset being a time in {@code zone}. */
    static Date toDate(Object value, String zone) {
        if (value instanceof String text) {
            try {
                return Date.from(LocalDateTime.parse(text.strip()).atZone(ZoneId.of(zone)).toInstant());
            } catch (DateTimeParseException e) {
                try {
                    return Date.from(LocalDate.parse(text.strip()).atStartOfDay(ZoneId.of(zone)).toInstant());
                } catch (DateTimeParseException notADate) {
                    // an offset or a Z in the text: the zone does not apply
                }
            }
        }
        return toDate(value);
    }

    static Date toDate(Object value) {
        if (value instanceof Date date) {
            return date;
        }
        if (value instanceof String text) {
            for (Function<String, Instant> format : FORMATS) {
                try {
                    return Date.from(format.apply(text.strip()));
                } catch (DateTimeParseException e) {
                    // try the next format
                }
            }
            throw new IllegalArgumentException("expected an ISO-8601 date-time (2024-03-01T10:15:00Z), "
                    + "a yyyy-MM-dd date or epoch milliseconds");
        }
        if (value instanceof Number number) {
            try {
                return new Date(NumberConversion.toLong(number));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("epoch milliseconds must be a whole number");
            }
        }
        throw new IllegalArgumentException("expected a date, date text or epoch milliseconds");
    }
}
