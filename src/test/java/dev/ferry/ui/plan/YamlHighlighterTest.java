package dev.ferry.ui.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class YamlHighlighterTest {

    private static Map<String, List<String>> styled(String text) {
        return YamlHighlighter.spans(text).stream().collect(Collectors.groupingBy(YamlHighlighter.Span::style,
                Collectors.mapping(s -> text.substring(s.start(), s.end()), Collectors.toList())));
    }

    @Test
    void keysCommentsStringsNumbersAndLiteralsEachGetTheirStyle() {
        String text = """
                # the plan
                name: split  # inline comment
                batch: { size: 1000 }
                targets:
                  - collection: "dataset #1"
                    fields:
                      "odd key": { from: a.b, default: null, required: true }
                      config_id: { template: "{dataset_id}_config" }
                      at: { from: t, convert: date }   # 2023-02-25 is not a number here
                """;
        Map<String, List<String>> styled = styled(text);
        assertThat(styled.get(YamlHighlighter.COMMENT)).containsExactly("# the plan", "# inline comment",
                "# 2023-02-25 is not a number here");
        assertThat(styled.get(YamlHighlighter.KEY)).containsExactly("name", "batch", "size", "targets",
                "collection", "fields", "\"odd key\"", "from", "default", "required", "config_id", "template", "at",
                "from", "convert");
        assertThat(styled.get(YamlHighlighter.STRING)).containsExactly("\"dataset #1\"", "\"{dataset_id}_config\"");
        assertThat(styled.get(YamlHighlighter.NUMBER)).containsExactly("1000");
        assertThat(styled.get(YamlHighlighter.LITERAL)).containsExactly("null", "true");
        assertThat(styled.get(YamlHighlighter.PUNCTUATION)).contains("-", "{", "}", ",", ":");
    }

    @Test
    void spansAreInOrderAndNeverOverlap() {
        String text = "a: [1, 2, {b: 'x''y'}]  # c: d\n- e\n";
        List<YamlHighlighter.Span> spans = YamlHighlighter.spans(text);
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i).start()).isGreaterThanOrEqualTo(spans.get(i - 1).end());
        }
        assertThat(styled(text).get(YamlHighlighter.STRING)).containsExactly("'x''y'");
        assertThat(styled(text).get(YamlHighlighter.COMMENT)).containsExactly("# c: d");
    }
}
