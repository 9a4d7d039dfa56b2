package dev.ferry.format;

import java.time.Duration;

/** Durations in the words an operator reads: "1 h 15 min", "1 min 52 s", "0.9 s". */
public final class Durations {

    private Durations() {
    }

    public static String words(Duration d) {
        if (d == null) {
            return "unknown";
        }
        long ms = d.toMillis();
        if (ms < 10_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
