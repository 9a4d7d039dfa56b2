package dev.ferry.ui.plan;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** The editor's gutter: each line's number, and a red mark on a line with errors whose tooltip says what they are. */
final class LintGutter implements IntFunction<Node> {

    private final Map<Integer, List<String>> errorsByLine;
    private final int digits;

    /** @param errorsByLine the messages of each line with errors, by 0-based line */
    LintGutter(CodeArea area, Map<Integer, List<String>> errorsByLine) {
        this.errorsByLine = Map.copyOf(errorsByLine);
        this.digits = digits(area.getParagraphs().size());
    }

    static int digits(int lines) {
        return Math.max(2, String.valueOf(lines).length());
    }

    @Override
    public Node apply(int line) {
        Label number = new Label(String.format("%" + digits + "d", line + 1));
        number.getStyleClass().add("lineno");
        Region mark = new Region();
        List<String> errors = errorsByLine.get(line);
        if (errors != null) {
            FontIcon icon = new FontIcon(Material2AL.ERROR);
            Label marker = new Label("", icon);
            marker.getStyleClass().add("lint-marker");
            marker.setId("plan-lint-marker-" + (line + 1));
            Tooltip.install(marker, new Tooltip(String.join("\n", errors)));
            return gutter(number, marker);
        }
        mark.getStyleClass().add("lint-marker-space");
        return gutter(number, mark);
    }

    private Node gutter(Label number, Node mark) {
        HBox box = new HBox(number, mark);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("gutter");
        return box;
    }
}
