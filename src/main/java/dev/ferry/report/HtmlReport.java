package dev.ferry.report;

import dev.ferry.engine.EvidenceReport;
import java.util.List;

/** The report as one self-contained HTML file: inline style and SVG, nothing fetched, readable printed. */
final class HtmlReport implements Page {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;max-width:980px;
            margin:24px auto;padding:0 20px}
            h1{font-size:22px;margin:0 0 6px}h2{font-size:16px;margin:26px 0 8px;border-bottom:1px solid #d6dbe3;
            padding-bottom:3px}
            .verdict{display:inline-block;padding:5px 12px;border-radius:4px;font-weight:600;margin:4px 0 14px}
            .GOOD{background:#dff3e4;color:#14532d}.DONE{background:#e3ecfa;color:#1e3a6e}
            .WARN{background:#fdf1d8;color:#6b4a00}.BAD{background:#fbe1e1;color:#7f1d1d}
            table{border-collapse:collapse;width:100%;margin:6px 0 10px;font-size:13px}
            th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #e6e9ee}
            th{background:#f3f5f8;font-weight:600}td{overflow-wrap:anywhere}
            .note{color:#5b6573;font-size:12px;margin:4px 0}
            pre{background:#f6f8fa;border:1px solid #e6e9ee;padding:8px;font-size:12px;white-space:pre-wrap;
            word-break:break-word;margin:4px 0 10px}
            svg{display:block;max-width:100%;height:auto;margin:8px 0}svg text{font-size:11px;fill:#3b4452}
            svg .bar{fill:#4c78a8}svg .axis{stroke:#8a94a3}
            footer{margin-top:28px;color:#5b6573;font-size:12px;border-top:1px solid #d6dbe3;padding-top:8px}
            @media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}
            table,pre,svg{break-inside:avoid}.verdict{border:1px solid #888}}
            """;

    private final EvidenceReport report;
    private final StringBuilder body = new StringBuilder();

    HtmlReport(EvidenceReport report) {
        this.report = report;
    }

    String render() {
        return ReportSections.write(report, this);
    }

    @Override
    public void title(String title, ReportVerdict verdict) {
        body.append("<h1>").append(Html.escape(title)).append("</h1>\n<div class=\"verdict ")
                .append(verdict.tone().name()).append("\">").append(Html.escape(verdict.words())).append("</div>\n");
    }

    @Override
    public void heading(String heading) {
        body.append("<h2>").append(Html.escape(heading)).append("</h2>\n");
    }

    @Override
    public void para(String text) {
        body.append("<p>").append(Html.escape(text)).append("</p>\n");
    }

    @Override
    public void note(String text) {
        body.append("<p class=\"note\">").append(Html.escape(text)).append("</p>\n");
    }

    @Override
    public void table(List<String> headers, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        body.append("<table>");
        if (headers.stream().anyMatch(h -> !h.isEmpty())) {
            body.append("<thead><tr>");
            headers.forEach(h -> body.append("<th>").append(Html.escape(h)).append("</th>"));
            body.append("</tr></thead>");
        }
        body.append("<tbody>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(cell -> body.append("<td>").append(Html.escape(cell)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</tbody></table>\n");
    }

    @Override
    public void list(List<String> items) {
        body.append("<ul>");
        items.forEach(i -> body.append("<li>").append(Html.escape(i)).append("</li>"));
        body.append("</ul>\n");
    }

    @Override
    public void code(List<String> lines) {
        if (!lines.isEmpty()) {
            body.append("<pre>").append(Html.escape(String.join("\n", lines))).append("</pre>\n");
        }
    }

    @Override
    public void chart(String svg) {
        if (!svg.isEmpty()) {
            body.append(svg).append('\n');
        }
    }

    @Override
    public String finish(String footer) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape("Ferry report: run " + report.runId() + " of " + report.plan()) + "</title>"
                + "<style>" + STYLE + "</style></head>\n<body>\n" + body + "<footer>" + Html.escape(footer)
                + "</footer>\n</body></html>\n";
    }
}
