package dev.ferry.report;

import dev.ferry.engine.EvidenceReport;
import java.util.List;

/** The report as Markdown (for a ticket or a wiki page): the same sections as the HTML, without the charts. */
final class MarkdownReport implements Page {

    private static final String[] MARKS = {"✓", "ℹ", "⚠", "✗"};

    private final EvidenceReport report;
    private final StringBuilder out = new StringBuilder();

    MarkdownReport(EvidenceReport report) {
        this.report = report;
    }

    String render() {
        return ReportSections.write(report, this);
    }

    @Override
    public void title(String title, ReportVerdict verdict) {
        out.append("# ").append(title).append("\n\n**").append(MARKS[verdict.tone().ordinal()]).append(' ')
                .append(verdict.words()).append("**\n\n");
    }

    @Override
    public void heading(String heading) {
        out.append("## ").append(heading).append("\n\n");
    }

    @Override
    public void para(String text) {
        out.append(text).append("\n\n");
    }

    @Override
    public void note(String text) {
        out.append("_").append(text.replace("_", "\\_")).append("_\n\n");
    }

    @Override
    public void table(List<String> headers, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("| ").append(String.join(" | ", headers.stream().map(MarkdownReport::cell).toList()))
                .append(" |\n|").append("---|".repeat(headers.size())).append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row.stream().map(MarkdownReport::cell).toList()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    @Override
    public void list(List<String> items) {
        items.forEach(i -> out.append("- ").append(i).append('\n'));
        out.append('\n');
    }

    @Override
    public void code(List<String> lines) {
        if (!lines.isEmpty()) {
            out.append("```\n").append(String.join("\n", lines).replace("```", "'''")).append("\n```\n\n");
        }
    }

    @Override
    public void chart(String svg) {
        // the figures the charts draw are in the tables and sentences beside them
    }

    @Override
    public String finish(String footer) {
        return out.append("---\n").append(footer).append('\n').toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
