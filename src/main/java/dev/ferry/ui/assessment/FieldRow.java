package dev.ferry.ui.assessment;

import dev.ferry.engine.AssessReport.FieldStats;
import dev.ferry.ui.common.Formats;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/** One field of the inventory, with what makes it worth a second look (mixed types, sparse). */
public record FieldRow(FieldStats stats) {

    /** Fields present in fewer than this share of sampled documents are called sparse. */
    static final double SPARSE_BELOW = 90.0;

    public String path() {
        return stats.path();
    }

    public double presence() {
        return stats.presence();
    }

    /** "string 98% · null 2%", most common first. */
    public String types() {
        long present = Math.max(1, stats.present());
        return stats.types().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> e.getKey() + " " + Formats.percent(100.0 * e.getValue() / present))
                .collect(Collectors.joining(" · "));
    }

    public boolean mixed() {
        return stats.mixedTypes();
    }

    public boolean sparse() {
        return stats.presence() < SPARSE_BELOW;
    }

    /** What to look at, in words: empty when nothing stands out. */
    public String notes() {
        if (mixed() && sparse()) {
            return "mixed types · sparse";
        }
        return mixed() ? "mixed types" : sparse() ? "sparse" : "";
    }
}
