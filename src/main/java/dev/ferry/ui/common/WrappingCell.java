package dev.ferry.ui.common;

import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/** A list cell whose text wraps at the list's width instead of running off to the right. */
public final class WrappingCell extends ListCell<String> {

    public static WrappingCell in(ListView<String> list) {
        WrappingCell cell = new WrappingCell();
        cell.prefWidthProperty().bind(list.widthProperty().subtract(24));
        cell.setWrapText(true);
        return cell;
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : item);
    }
}
