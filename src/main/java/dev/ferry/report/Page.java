package dev.ferry.report;

import java.util.List;

/** What the report's sections are written onto: HTML or Markdown, the same sections in the same order. */
interface Page {

    void title(String title, ReportVerdict verdict);

    void heading(String heading);

    void para(String text);

    /** A note in smaller type: what a section does not show, and why. */
    void note(String text);

    void table(List<String> headers, List<List<String>> rows);

    void list(List<String> items);

    /** Lines kept as they are (queries, evidence). */
    void code(List<String> lines);

    /** An inline SVG chart; a page that cannot show one leaves it out (its figures are in the tables). */
    void chart(String svg);

    String finish(String footer);
}
