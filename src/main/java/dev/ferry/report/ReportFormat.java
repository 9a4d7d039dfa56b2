package dev.ferry.report;

import java.util.Locale;

/** The forms a run's report is written in; all three carry the same facts. */
public enum ReportFormat {
    HTML("html"), MARKDOWN("md"), JSON("json");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** "html", "md" (or "markdown"), "json"; anything else is refused with the choices. */
    public static ReportFormat parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (f.extension.equals(t) || f.name().toLowerCase(Locale.ROOT).equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Unknown report format '" + text + "': use html, md or json.");
    }

    /** The bytes of {@code report} in this format. */
    public byte[] render(dev.ferry.engine.EvidenceReport report) {
        String text = switch (this) {
            case HTML -> new HtmlReport(report).render();
            case MARKDOWN -> new MarkdownReport(report).render();
            case JSON -> JsonReport.render(report);
        };
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
