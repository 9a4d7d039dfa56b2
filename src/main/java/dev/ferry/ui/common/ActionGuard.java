package dev.ferry.ui.common;

import dev.ferry.service.Action;
import dev.ferry.service.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * Ties a button to the state machine: disabled when {@link Session#whyNot} says so, with the reason as its tooltip.
 * JavaFX shows no tooltip on a disabled control, so the tooltip sits on a thin wrapper around the button.
 */
public final class ActionGuard {

    private ActionGuard() {
    }

    /** Disables {@code button} when {@code action} is not allowed; its tooltip says why, or what it does. */
    public static void bind(Button button, Session session, Action action, String whatItDoes) {
        button.disableProperty().bind(session.notAllowed(action));
        StringBinding reason = session.reason(action);
        tooltip(button, Bindings.createStringBinding(() -> reason.get().isEmpty() ? whatItDoes : reason.get(), reason));
    }

    /** Puts a tooltip with {@code text} on a wrapper of {@code node}, so it shows even while the node is disabled. */
    public static void tooltip(Node node, ObservableValue<String> text) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text);
        tip.setShowDelay(Duration.millis(300));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        if (node.getParent() instanceof Pane parent) {
            ObservableList<Node> children = parent.getChildren();
            int at = children.indexOf(node);
            StackPane wrapper = new StackPane();
            wrapper.getStyleClass().add("tooltip-wrapper");
            wrapper.managedProperty().bind(node.managedProperty()); // a hidden button leaves no gap
            wrapper.visibleProperty().bind(node.visibleProperty());
            children.set(at, wrapper);
            wrapper.getChildren().add(node);
            Tooltip.install(wrapper, tip);
        } else if (node instanceof Labeled labeled) {
            labeled.setTooltip(tip);
        }
    }

    /** A label that shows {@code text} and takes no room while it is empty (for banners). */
    public static void banner(Labeled label, ObservableValue<String> text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> text.getValue() != null && !text.getValue().isBlank(), text));
        label.managedProperty().bind(label.visibleProperty());
    }
}
