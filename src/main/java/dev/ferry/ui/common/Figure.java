package dev.ferry.ui.common;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** One figure of a figures strip: a large value over a small label ("10,523" over "source records"). */
public final class Figure extends VBox {

    public Figure(String label, String value) {
        getStyleClass().add("figure");
        Label v = new Label(value);
        v.getStyleClass().add("figure-value");
        Label l = new Label(label);
        l.getStyleClass().add("figure-label");
        getChildren().addAll(v, l);
    }
}
