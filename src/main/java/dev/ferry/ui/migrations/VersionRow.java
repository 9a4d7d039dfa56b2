package dev.ferry.ui.migrations;

import dev.ferry.engine.set.VersionStatus;
import dev.ferry.service.Tone;
import dev.ferry.ui.common.Formats;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One line of the Migrations table: a version with its status badge (tone + word), when, how long, and its note. */
public record VersionRow(long version, String label, String description, Tone tone, String badge, String appliedAt,
                         String took, String note) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    static VersionRow of(VersionStatus v) {
        return new VersionRow(v.version(), "V" + v.label(), v.description(), tone(v), badge(v),
                v.appliedAt() == null ? "" : TIME.format(v.appliedAt()),
                v.duration() == null ? "" : Formats.duration(v.duration()),
                v.note().isEmpty() && v.error() != null ? v.error() : v.note());
    }

    /** Green completed, red failed or changed, amber interrupted, blue running, grey not applied or rolled back. */
    private static Tone tone(VersionStatus v) {
        if (v.checksumMismatch() || "failed".equals(v.status())) {
            return Tone.FAIL;
        }
        if (v.interrupted()) {
            return Tone.PENDING;
        }
        if ("pending".equals(v.status()) && v.inHistory()) {
            return Tone.RUNNING;
        }
        return v.completed() ? Tone.OK : Tone.UNKNOWN;
    }

    private static String badge(VersionStatus v) {
        if (v.checksumMismatch()) {
            return "file changed";
        }
        if (v.interrupted()) {
            return "interrupted";
        }
        if ("pending".equals(v.status()) && v.inHistory()) {
            return "running";
        }
        return v.status().replace('_', ' ');
    }
}
