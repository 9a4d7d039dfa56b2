package dev.ferry.ui.common;

import dev.ferry.format.Durations;
import dev.ferry.format.HumanFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How the console writes figures. Counts, sizes and times are {@link HumanFormat}'s, as the CLI writes them; the
 * console's own are shares ("50%", one decimal only below 10%), short durations to a tenth of a second ("0.9 s",
 * where the CLI says "< 1 s") and a dash for what is not known.
 */
public final class Formats {

    private Formats() {
    }

    public static String count(long n) {
        return HumanFormat.count(n);
    }

    public static String percent(double pct) {
        return String.format(Locale.ROOT, pct >= 10 || pct == 0 ? "%.0f%%" : "%.1f%%", pct);
    }

    public static String bytes(double bytes) {
        return HumanFormat.bytes(bytes);
    }

    public static String duration(Duration d) {
        return d == null ? "—" : Durations.words(d);
    }

    public static String time(Instant at) {
        return at == null ? "—" : HumanFormat.time(at);
    }
}
