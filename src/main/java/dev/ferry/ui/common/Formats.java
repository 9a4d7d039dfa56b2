package dev.ferry.ui.common;

import dev.ferry.format.HumanFormat;
import java.time.Duration;
import java.time.Instant;

/**
 * How the console writes figures: {@link HumanFormat}'s words, as the CLI writes them, and a dash for what is not
 * known.
 */
public final class Formats {

    private Formats() {
    }

    public static String count(long n) {
        return HumanFormat.count(n);
    }

    public static String percent(double pct) {
        return HumanFormat.percent(pct);
    }

    public static String bytes(double bytes) {
        return HumanFormat.bytes(bytes);
    }

    public static String duration(Duration d) {
        return d == null ? "—" : HumanFormat.duration(d);
    }

    public static String time(Instant at) {
        return at == null ? "—" : HumanFormat.time(at);
    }
}
