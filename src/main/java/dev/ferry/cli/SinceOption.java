package dev.ferry.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** {@code --since WHEN}: a span before now ("24h", "90m", "7d") or an ISO date-time with offset. */
final class SinceOption {

    private static final Pattern AGO = Pattern.compile("(\\d+)\\s*([mhd])");

    @Option(names = "--since", paramLabel = "WHEN", description = "incremental: rows created since, e.g. 24h, 90m, 7d"
            + " or 2025-01-31T12:00:00Z")
    String text;

    /** The instant it names, or null when not given. */
    Instant instant() {
        return text == null ? null : parse(text, Instant.now());
    }

    static Instant parse(String text, Instant now) {
        Matcher ago = AGO.matcher(text.strip());
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliUsageException("--since " + text + " is neither a span (24h, 90m, 7d) nor an ISO date-time"
                    + " with offset (2025-01-31T12:00:00Z).");
        }
    }
}
