package dev.ferry.format;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers, sizes, durations and times as an operator reads them: "10,523", "2.1 MB", "1 min 52 s". Shared by the CLI
 * and the console, so both say the same thing the same way.
 */
public final class HumanFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private HumanFormat() {
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String rate(double perSecond) {
        return count(Math.round(perSecond));
    }

    /**
     * "50%", "15.2%": a share to a tenth of a percent where it has one. Never rounded to 0% or 100% when it is not
     * (a field missing from 3 of 10,000 documents is "> 99.9%"), so a sparse field or a stray type is never hidden.
     */
    public static String percent(double pct) {
        if (pct <= 0 || pct >= 100) {
            return String.format(Locale.ROOT, "%.0f%%", pct);
        }
        if (pct < 0.05) {
            return "< 0.1%";
        }
        if (pct >= 99.95) {
            return "> 99.9%";
        }
        long tenths = Math.round(pct * 10);
        return (tenths % 10 == 0 ? String.valueOf(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0))
                + "%";
    }

    public static String bytes(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", bytes)
                : String.format(Locale.ROOT, "%.1f %s", bytes, units[unit]);
    }

    /** "0.9s" — a batch's own time, as the runbook prints it. */
    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    /**
     * "0.4 s", "8 s", "8.2 s", "12 s", "1 min 52 s", "2 h 5 min": an operator's words for a time span, the same in the
     * CLI and the console (JSON keeps the precision). Under 10 s it keeps a tenth of a second, so a 0.4 s check and a
     * 0.9 s one are told apart; "< 0.1 s" for a moment, "0 s" for none.
     */
    public static String duration(Duration d) {
        if (d == null) {
            return "unknown";
        }
        long ms = Math.max(0, d.toMillis());
        if (ms == 0) {
            return "0 s";
        }
        if (ms < 50) {
            return "< 0.1 s";
        }
        if (ms < 9_950) {
            long tenths = Math.round(ms / 100.0);
            return (tenths % 10 == 0 ? String.valueOf(tenths / 10)
                    : String.format(Locale.ROOT, "%.1f", tenths / 10.0)) + " s";
        }
        long s = Math.round(ms / 1000.0);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3_600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        long min = Math.round(s / 60.0);
        return (min / 60) + " h" + (min % 60 == 0 ? "" : " " + (min % 60) + " min");
    }

    public static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }
}
