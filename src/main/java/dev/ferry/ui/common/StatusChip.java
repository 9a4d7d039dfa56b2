package dev.ferry.ui.common;

import dev.ferry.service.Tone;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * A status in the console's colour language: always an icon (a spinner while running) and a word, coloured by its
 * {@link Tone} through CSS, so colour is never the only signal.
 */
public final class StatusChip extends Label {

    public static final String STYLE_CLASS = "status-chip";

    public StatusChip() {
        getStyleClass().add(STYLE_CLASS);
        show(Tone.UNKNOWN, "unknown");
    }

    public StatusChip(Tone tone, String text) {
        this();
        show(tone, text);
    }

    public void show(Tone tone, String text) {
        setText(text);
        for (Tone t : Tone.values()) {
            getStyleClass().remove(t.styleClass());
        }
        getStyleClass().add(tone.styleClass());
        setGraphic(graphic(tone));
    }

    /** The icon that goes with a tone, for chips, table cells and badges. */
    public static javafx.scene.Node graphic(Tone tone) {
        if (tone == Tone.RUNNING) {
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.getStyleClass().add("chip-spinner");
            spinner.setPrefSize(14, 14);
            spinner.setMaxSize(14, 14);
            return spinner;
        }
        FontIcon icon = new FontIcon(switch (tone) {
            case OK -> Material2AL.CHECK_CIRCLE;
            case PENDING -> Material2MZ.SCHEDULE;
            case FAIL -> Material2AL.ERROR;
            default -> Material2MZ.REMOVE_CIRCLE_OUTLINE;
        });
        icon.getStyleClass().add("chip-icon");
        return icon;
    }
}
