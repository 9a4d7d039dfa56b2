package dev.ferry.ui.validation;

import dev.ferry.engine.FieldDifference;

import dev.ferry.engine.RecordComparison;
import dev.ferry.ui.common.Fxml;
import dev.ferry.ui.common.JsonText;
import dev.ferry.ui.common.StatusChip;
import dev.ferry.ui.common.Tables;
import dev.ferry.ui.common.WrappingCell;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Binds the validation checklist, its evidence and the record comparison to the view model. */
public final class ValidationView {

    @FXML private Label subtitle;
    @FXML private StatusChip verdict;
    @FXML private Button rerun;
    @FXML private Button runAll;
    @FXML private Label message;
    @FXML private TableView<CheckRow> checks;
    @FXML private TableColumn<CheckRow, CheckRow> statusCol;
    @FXML private TableColumn<CheckRow, String> nameCol;
    @FXML private TableColumn<CheckRow, String> methodCol;
    @FXML private TableColumn<CheckRow, String> coverageCol;
    @FXML private TableColumn<CheckRow, String> mismatchCol;
    @FXML private TableColumn<CheckRow, String> summaryCol;
    @FXML private TableColumn<CheckRow, String> tookCol;
    @FXML private ListView<String> evidence;
    @FXML private Label keysTitle;
    @FXML private Button copyKeys;
    @FXML private Button exportKeys;
    @FXML private ListView<String> keys;
    @FXML private Label notCovered;
    @FXML private TextField key;
    @FXML private Button compare;
    @FXML private VBox comparison;

    private final Parent root;
    private final ValidationViewModel model;

    public ValidationView(ValidationViewModel model) {
        this.model = model;
        root = Fxml.load(this, "validation/Validation.fxml");
        subtitle.setText("Each check reads the source and the targets; nothing is written. \"Cannot check\" is not"
                + " \"failed\": it says what stopped the check.");
        Runnable paintVerdict = () -> {
            verdict.show(model.verdictToneProperty().get(), model.verdictProperty().get());
            String why = model.verdictWarning(); // the records not migrated, in full: the chip keeps it short
            verdict.setTooltip(why.isEmpty() ? null : new javafx.scene.control.Tooltip(why));
        };
        model.verdictProperty().addListener((o, a, b) -> paintVerdict.run());
        model.verdictToneProperty().addListener((o, a, b) -> paintVerdict.run());
        paintVerdict.run();
        runAll.disableProperty().bind(model.validateDisabled());
        runAll.setOnAction(e -> model.validateAll());
        Tooltip why = new Tooltip();
        why.textProperty().bind(model.validateReason());
        runAll.setTooltip(why);
        rerun.disableProperty().bind(model.rerunDisabled());
        rerun.setOnAction(e -> model.rerunSelected());
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(model.messageProperty().isNotEmpty());

        Tables.text(statusCol, row -> row);
        statusCol.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(CheckRow row, boolean empty) {
                super.updateItem(row, empty);
                setGraphic(empty || row == null ? null : new StatusChip(row.tone(), row.status()));
            }
        });
        Tables.text(nameCol, CheckRow::name);
        Tables.text(methodCol, CheckRow::method);
        Tables.text(coverageCol, CheckRow::coverage);
        Tables.text(mismatchCol, CheckRow::mismatched);
        Tables.longText(summaryCol, CheckRow::summary);
        Tables.text(tookCol, CheckRow::took);
        checks.setItems(model.checks());
        checks.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (row != null && row != model.selectedProperty().get()) {
                model.selectedProperty().set(row);
            }
        });
        model.selectedProperty().addListener((o, was, row) -> {
            if (row != null && checks.getSelectionModel().getSelectedItem() != row) {
                checks.getSelectionModel().select(row);
            }
        });

        evidence.setItems(model.evidence());
        evidence.setCellFactory(list -> WrappingCell.in(list));
        keys.setItems(model.failingKeys());
        keysTitle.textProperty().bind(Bindings.size(model.failingKeys()).asString("Failing keys (%d)"));
        keys.getSelectionModel().selectedItemProperty().addListener((o, was, k) -> {
            if (k != null) {
                key.setText(k);
                model.compare(k);
            }
        });
        copyKeys.disableProperty().bind(Bindings.isEmpty(model.failingKeys()));
        copyKeys.setOnAction(e -> {
            ClipboardContent text = new ClipboardContent();
            text.putString(model.failingKeysText());
            Clipboard.getSystemClipboard().setContent(text);
        });
        exportKeys.disableProperty().bind(Bindings.isEmpty(model.failingKeys()));
        exportKeys.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("failing-keys.txt");
            File file = chooser.showSaveDialog(root.getScene().getWindow());
            if (file != null) {
                model.exportFailingKeys(file.toPath());
            }
        });
        notCovered.textProperty().bind(Bindings.createStringBinding(
                () -> "Not covered:\n• " + String.join("\n• ", model.notCovered()), model.notCovered()));
        compare.setOnAction(e -> model.compare(key.getText()));
        key.disableProperty().bind(model.recordEvidence().not());
        compare.disableProperty().bind(model.recordEvidence().not());
        key.setOnAction(e -> model.compare(key.getText()));
        model.comparisonProperty().addListener((o, was, now) -> paintComparison(now));
        model.recordEvidence().addListener((o, was, now) -> paintComparison(model.comparisonProperty().get()));
        paintComparison(null);
    }

    public Parent root() {
        return root;
    }

    private void paintComparison(RecordComparison c) {
        comparison.getChildren().clear();
        if (c == null) {
            Label hint = new Label(model.recordHint());
            hint.getStyleClass().add("muted");
            hint.setWrapText(true);
            comparison.getChildren().add(hint);
            return;
        }
        if (c.source() == null) {
            Label none = new Label("No source record has the key " + c.sourceKey() + ".");
            none.getStyleClass().add("error-text");
            comparison.getChildren().add(none);
            return;
        }
        comparison.getChildren().add(new StatusChip(c.matches() ? dev.ferry.service.Tone.OK : dev.ferry.service.Tone.FAIL,
                c.matches() ? "record " + c.sourceKey() + " matches" : "record " + c.sourceKey() + " differs"));
        c.mappingErrors().forEach(err -> comparison.getChildren().add(errorLine(err.toString())));
        for (RecordComparison.TargetSide side : c.targets()) {
            Label title = new Label(side.collection() + (side.stored() == null ? " — missing in the target"
                    : side.differences().isEmpty() ? " — identical" : " — " + side.differences().size() + " differences"));
            title.getStyleClass().addAll("section-title", side.matches() ? "ok-text" : "error-text");
            comparison.getChildren().add(title);
            for (FieldDifference d : side.differences()) {
                comparison.getChildren().add(errorLine(d.describe()));
            }
            HBox panes = new HBox(8, json("expected (from the source)", JsonText.of(side.expected())),
                    json("stored", JsonText.of(side.stored())));
            comparison.getChildren().add(panes);
        }
        comparison.getChildren().add(json("source record", JsonText.of(c.source())));
    }

    private static Label errorLine(String text) {
        Label line = new Label("✗ " + text);
        line.getStyleClass().addAll("error-text", "diff-line");
        line.setWrapText(true);
        return line;
    }

    private static VBox json(String title, String text) {
        Label label = new Label(title);
        label.getStyleClass().add("muted");
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.getStyleClass().add("json");
        area.setPrefRowCount(Math.min(18, (int) text.lines().count() + 1));
        VBox box = new VBox(2, label, area);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }
}
