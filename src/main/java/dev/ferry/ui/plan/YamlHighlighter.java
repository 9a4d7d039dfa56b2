package dev.ferry.ui.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits plan text (YAML, or JSON, which is YAML too) into the spans the editor colours: keys, comments, strings,
 * numbers, true/false/null and punctuation. Plain Java, so what gets which colour is tested without a window; the
 * colours themselves are named tokens in css/.
 */
final class YamlHighlighter {

    /** A span of the text and the style class it is painted with. */
    record Span(int start, int end, String style) { }

    static final String KEY = "yaml-key";
    static final String COMMENT = "yaml-comment";
    static final String STRING = "yaml-string";
    static final String NUMBER = "yaml-number";
    static final String LITERAL = "yaml-literal";
    static final String PUNCTUATION = "yaml-punctuation";

    // Order matters: a quoted key is a key, a # inside quotes is part of the string, not a comment.
    private static final Pattern TOKENS = Pattern.compile(String.join("|",
            "(?<COMMENT>(?:^|(?<=[ \\t]))#[^\\n]*)",
            "(?<KEY>(?!-[ \\t])(?:\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\n]|'')*'|[^\\s{}\\[\\],:#'\"&*!|>%@`][^\\n{}\\[\\],:#]*?)"
                    + "(?=[ \\t]*:(?:[ \\t]|$|[,}\\]])))",
            "(?<STRING>\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\n]|'')*')",
            "(?<LITERAL>(?<![\\w.\\-])(?:true|false|null|~)(?![\\w.\\-]))",
            "(?<NUMBER>(?<![\\w.\\-])-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?(?![\\w.\\-:]))",
            "(?<PUNCTUATION>[{}\\[\\],:]|(?:^|(?<=[ \\t]))-(?=[ \\t]|$)|^---$)"), Pattern.MULTILINE);

    private YamlHighlighter() {
    }

    /** The styled spans of {@code text}, in order, not overlapping; text between them has no style. */
    static List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher m = TOKENS.matcher(text);
        while (m.find()) {
            String style = m.group("COMMENT") != null ? COMMENT
                    : m.group("KEY") != null ? KEY
                    : m.group("STRING") != null ? STRING
                    : m.group("LITERAL") != null ? LITERAL
                    : m.group("NUMBER") != null ? NUMBER
                    : PUNCTUATION;
            spans.add(new Span(m.start(), m.end(), style));
        }
        return spans;
    }
}
