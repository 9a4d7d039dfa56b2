package dev.ferry.plan;

import java.util.ArrayList;
import java.util.List;

/** A text's lines by number (1-based, as errors give them), for turning a line and column into an offset. */
final class TextLines {

    private final String text;
    private final List<Integer> starts = new ArrayList<>();

    TextLines(String text) {
        this.text = text;
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
    }

    int count() {
        return starts.size();
    }

    /** The offset of {@code column} (1-based) on {@code line}, clamped to the text. */
    int offset(int line, int column) {
        int start = starts.get(Math.max(0, Math.min(line, count()) - 1));
        return Math.min(text.length(), start + Math.max(0, column - 1));
    }

    /** The offset of the line's end: its newline, or the end of the text. */
    int endOf(int line) {
        return line < count() ? starts.get(line) - 1 : text.length();
    }

    String line(int line) {
        return text.substring(starts.get(line - 1), endOf(line));
    }

    /** Leading spaces (a tab counts as one: YAML forbids tabs in indentation anyway). */
    static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
