package dev.ferry.report;

import dev.ferry.engine.EvidenceReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's charts, as inline SVG (no script, no fetch): they print, and the file stands alone. */
final class SvgCharts {

    private static final int WIDTH = 720;
    private static final int MAX_BARS = 120;

    private SvgCharts() {
    }

    /** Each batch's wall time, a bar per batch (neighbouring batches averaged past {@value #MAX_BARS}). */
    static String batchTimes(List<EvidenceReport.Batch> batches) {
        if (batches.isEmpty()) {
            return "";
        }
        int per = (batches.size() + MAX_BARS - 1) / MAX_BARS;
        List<Double> bars = new ArrayList<>();
        for (int i = 0; i < batches.size(); i += per) {
            List<EvidenceReport.Batch> group = batches.subList(i, Math.min(batches.size(), i + per));
            bars.add(group.stream().mapToLong(EvidenceReport.Batch::millis).average().orElse(0));
        }
        double max = Math.max(1, bars.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        int height = 140;
        int left = 56;
        int plot = WIDTH - left - 8;
        double w = (double) plot / bars.size();
        StringBuilder svg = open(height + 34, "Wall time of each batch");
        svg.append(text(left - 6, 14, "end", Words.duration(java.time.Duration.ofMillis(Math.round(max))) + ""));
        svg.append(text(left - 6, height, "end", "0"));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>",
                left, height, WIDTH - 8, height));
        for (int i = 0; i < bars.size(); i++) {
            double h = (height - 10) * bars.get(i) / max;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                    + " class=\"bar\"/>", left + i * w + 0.5, height - h, Math.max(1, w - 1), h));
        }
        svg.append(text(left, height + 16, "start", "batch 1"));
        svg.append(text(WIDTH - 8, height + 16, "end", "batch " + batches.get(batches.size() - 1).number()
                + (per > 1 ? " (bars average " + per + " batches)" : "")));
        return svg.append("</svg>").toString();
    }

    /** The estimate beside the actual running time, and the estimate's parts. */
    static String estimate(EvidenceReport.Estimate e) {
        Map<String, Long> bars = new LinkedHashMap<>();
        bars.put("estimated", e.estimated().toMillis());
        if (e.actual() != null) {
            bars.put("took", e.actual().toMillis());
        }
        return horizontal("The dry run's estimate beside the run", bars, true);
    }

    /** Records written per target. */
    static String written(Map<String, Long> written) {
        return written.isEmpty() ? "" : horizontal("Records written per target", written, false);
    }

    private static String horizontal(String title, Map<String, Long> bars, boolean durations) {
        long max = Math.max(1, bars.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int row = 26;
        int left = 170;
        int plot = WIDTH - left - 150;
        StringBuilder svg = open(bars.size() * row + 8, title);
        int y = 4;
        for (Map.Entry<String, Long> b : bars.entrySet()) {
            double w = Math.max(1, (double) plot * b.getValue() / max);
            svg.append(text(left - 8, y + 15, "end", b.getKey()));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" class=\"bar\"/>",
                    left, y, w));
            svg.append(text((int) (left + w + 6), y + 15, "start", durations
                    ? Words.duration(java.time.Duration.ofMillis(b.getValue())) : Words.count(b.getValue())));
            y += row;
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
                + " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\"><title>%s</title>", WIDTH, height, WIDTH, height,
                Html.escape(title)));
    }

    private static String text(int x, int y, String anchor, String words) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", x, y, anchor,
                Html.escape(words));
    }
}
