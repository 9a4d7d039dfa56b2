package dev.ferry.ui.common;

import dev.ferry.engine.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes figures: grouped counts, rates, sizes, durations in words, local times. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private Formats() {
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String percent(double pct) {
        return String.format(Locale.ROOT, pct >= 10 || pct == 0 ? "%.0f%%" : "%.1f%%", pct);
    }

    public static String bytes(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : "%.1f %s", bytes, units[unit]);
    }

    public static String duration(Duration d) {
        return d == null ? "—" : Durations.words(d);
    }

    public static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }
}
