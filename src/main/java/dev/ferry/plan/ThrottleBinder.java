package dev.ferry.plan;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binds {@code guardrails.throttle}: {@code max_replica_lag: 5s}, {@code max_wal_rate: 64MB}, {@code max_delay}. */
final class ThrottleBinder {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb)?(?:/s)?");

    private final PlanProblems problems;

    ThrottleBinder(PlanProblems problems) {
        this.problems = problems;
    }

    ThrottleSpec bind(PlanNode.MapNode node) {
        MapNodeReader r = new MapNodeReader(node, "guardrails.throttle", problems);
        Duration lag = duration(r, "max_replica_lag");
        Long wal = r.node("max_wal_rate", false).map(n -> bytes(n)).orElse(null);
        Duration maxDelay = duration(r, "max_delay");
        Duration checkEvery = duration(r, "check_every");
        r.rejectUnknownKeys();
        if (lag == null && wal == null) {
            problems.at(node, "guardrails.throttle", "a throttle needs max_replica_lag (e.g. 5s) or max_wal_rate"
                    + " (e.g. 64MB): the run slows down when its target passes one of them");
        }
        return new ThrottleSpec(lag, wal, maxDelay, checkEvery);
    }

    private Duration duration(MapNodeReader r, String key) {
        Optional<PlanNode> node = r.node(key, false);
        if (node.isEmpty()) {
            return null;
        }
        Object value = node.get() instanceof PlanNode.Scalar s ? s.value() : null;
        Duration d = value == null ? null : RetryBinder.parse(value);
        if (d == null || d.isZero()) {
            problems.at(node.get(), "guardrails.throttle." + key, "expected a duration longer than 0 such as 5s or"
                    + " 500ms, got " + (value == null ? node.get().kind() : "'" + value + "'"));
            return null;
        }
        return d;
    }

    private Long bytes(PlanNode node) {
        Object value = node instanceof PlanNode.Scalar s ? s.value() : null;
        if (value instanceof Number n && n.doubleValue() > 0) {
            return n.longValue();
        }
        Matcher m = SIZE.matcher(String.valueOf(value).trim().toLowerCase(Locale.ROOT));
        if (value == null || !m.matches() || Double.parseDouble(m.group(1)) <= 0) {
            problems.at(node, "guardrails.throttle.max_wal_rate", "expected bytes per second such as 64MB or"
                    + " 512kB, got " + (value == null ? node.kind() : "'" + value + "'"));
            return null;
        }
        double unit = switch (m.group(2) == null ? "b" : m.group(2)) {
            case "kb" -> 1024;
            case "mb" -> 1024 * 1024;
            case "gb" -> 1024 * 1024 * 1024;
            default -> 1;
        };
        return Math.round(Double.parseDouble(m.group(1)) * unit);
    }
}
