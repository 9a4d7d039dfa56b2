package dev.ferry.report;

import dev.ferry.format.HumanFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the report writes figures: times in UTC with the date (a report is read elsewhere, later), durations, counts. */
final class Words {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Words() {
    }

    static String time(Instant at) {
        return at == null ? "—" : UTC.format(at);
    }

    static String duration(Duration d) {
        return d == null ? "—" : HumanFormat.duration(d);
    }

    static String count(long n) {
        return HumanFormat.count(n);
    }

    /** "estimated 12 min, took 14 min (+17 %)"; without an actual time, only the estimate. */
    static String estimateAgainstActual(dev.ferry.engine.EvidenceReport.Estimate e) {
        if (e == null) {
            return "no dry run of this plan version before the run: nothing to compare with";
        }
        String est = "estimated " + duration(e.estimated());
        if (e.actual() == null) {
            return est + "; the run has not completed, so there is no actual time to compare";
        }
        return est + ", took " + duration(e.actual()) + " (" + String.format(Locale.ROOT, "%+.0f %%",
                e.errorPercent()) + ")";
    }

    static String calibration(dev.ferry.engine.EvidenceReport.Estimate e) {
        return e.calibratedBy() == 0 ? "not calibrated (no earlier comparable run)"
                : String.format(Locale.ROOT, "calibrated × %.2f from %d earlier run%s", e.factor(), e.calibratedBy(),
                e.calibratedBy() == 1 ? "" : "s");
    }
}
