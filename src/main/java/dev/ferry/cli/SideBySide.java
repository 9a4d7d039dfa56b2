package dev.ferry.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Two blocks of text in two columns, long lines wrapped, for the preview's source-beside-target view. */
final class SideBySide {

    private static final String GUTTER = " │ ";

    private SideBySide() {
    }

    static void print(PrintWriter out, List<String> left, List<String> right, int totalWidth) {
        int width = Math.max(20, (totalWidth - GUTTER.length()) / 2);
        List<String> l = wrap(left, width);
        List<String> r = wrap(right, width);
        for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
            String a = i < l.size() ? l.get(i) : "";
            String b = i < r.size() ? r.get(i) : "";
            out.println((a + " ".repeat(width - a.length()) + GUTTER + b).stripTrailing());
        }
    }

    static List<String> wrap(List<String> lines, int width) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String rest = line;
            while (rest.length() > width) {
                out.add(rest.substring(0, width));
                rest = "  " + rest.substring(width);
            }
            out.add(rest);
        }
        return out;
    }

    /** The terminal's width from {@code $COLUMNS}, else a width that suits two JSON documents. */
    static int width(Terminal terminal) {
        String columns = terminal.env().apply("COLUMNS");
        try {
            return columns == null ? 160 : Math.max(60, Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return 160;
        }
    }
}
