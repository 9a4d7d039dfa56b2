package dev.ferry.plan;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binds {@code retry}: durations written {@code 60s}, {@code 500ms}, {@code 2m}, {@code 1h} (a bare number is seconds). */
final class RetryBinder {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    private final PlanProblems problems;

    RetryBinder(PlanProblems problems) {
        this.problems = problems;
    }

    RetrySpec bind(PlanNode.MapNode node) {
        MapNodeReader r = new MapNodeReader(node, "retry", problems);
        Duration maxWait = duration(r, "max_wait", false);
        Duration firstDelay = duration(r, "first_delay", true);
        Duration maxDelay = duration(r, "max_delay", true);
        r.rejectUnknownKeys();
        if (firstDelay != null && maxDelay != null && firstDelay.compareTo(maxDelay) > 0) {
            problems.at(node.entry("first_delay").orElseThrow().value(), "retry.first_delay", "the first delay ("
                    + show(firstDelay) + ") is longer than max_delay (" + show(maxDelay) + "); make it shorter");
        }
        return new RetrySpec(maxWait, firstDelay, maxDelay);
    }

    private Duration duration(MapNodeReader r, String key, boolean positive) {
        Optional<PlanNode> node = r.node(key, false);
        if (node.isEmpty()) {
            return null;
        }
        Object value = node.get() instanceof PlanNode.Scalar s ? s.value() : null;
        Duration d = value == null ? null : parse(value);
        if (d == null) {
            problems.at(node.get(), "retry." + key, "expected a duration such as 60s, 500ms or 2m, got "
                    + (value == null ? node.get().kind() : "'" + value + "'"));
        } else if (positive && d.isZero()) {
            problems.at(node.get(), "retry." + key, "a backoff delay must be longer than 0");
        }
        return d;
    }

    static Duration parse(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue() < 0 ? null : Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        Matcher m = DURATION.matcher(String.valueOf(value).trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double ms = switch (unit) {
            case "ms" -> amount;
            case "m", "min" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
        };
        return Duration.ofMillis(Math.round(ms));
    }

    private static String show(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
