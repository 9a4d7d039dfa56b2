package dev.ferry.ui.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** Column wiring shared by the console's tables: a column shows a function of its row; numbers align right. */
public final class Tables {

    private Tables() {
    }

    public static <S, T> void text(TableColumn<S, T> column, Function<S, T> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    /** A count, grouped ("10,523") and right-aligned. */
    public static <S> void count(TableColumn<S, Long> column, Function<S, Long> value) {
        text(column, value);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Formats.count(item));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
    }

    /** Long text: the cell shows what fits and its tooltip the whole of it. */
    public static <S> void longText(TableColumn<S, String> column, Function<S, String> value) {
        text(column, value);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new javafx.scene.control.Tooltip(item));
            }
        });
    }
}
