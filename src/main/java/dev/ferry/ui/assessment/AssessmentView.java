package dev.ferry.ui.assessment;

import dev.ferry.engine.AssessReport.CollectionStats;
import dev.ferry.service.Tone;
import dev.ferry.ui.common.Formats;
import dev.ferry.ui.common.Fxml;
import dev.ferry.ui.common.StatusChip;
import dev.ferry.ui.common.Tables;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;

/** Binds the assessment screen to its view model. */
public final class AssessmentView {

    @FXML private Label summary;
    @FXML private Spinner<Integer> sample;
    @FXML private Button analyse;
    @FXML private Label message;
    @FXML private TableView<CollectionStats> collections;
    @FXML private TableColumn<CollectionStats, String> nameCol;
    @FXML private TableColumn<CollectionStats, Long> countCol;
    @FXML private TableColumn<CollectionStats, String> avgCol;
    @FXML private TableColumn<CollectionStats, String> maxCol;
    @FXML private TableColumn<CollectionStats, String> dataCol;
    @FXML private TableColumn<CollectionStats, Long> indexCol;
    @FXML private TableColumn<CollectionStats, Long> sampledCol;
    @FXML private Label fieldsTitle;
    @FXML private Label keys;
    @FXML private TableView<FieldRow> fields;
    @FXML private TableColumn<FieldRow, FieldRow> pathCol;
    @FXML private TableColumn<FieldRow, FieldRow> presenceCol;
    @FXML private TableColumn<FieldRow, String> typesCol;
    @FXML private TableColumn<FieldRow, FieldRow> notesCol;

    private final Parent root;

    public AssessmentView(AssessmentViewModel model) {
        root = Fxml.load(this, "assessment/Assessment.fxml");
        summary.textProperty().bind(model.summaryProperty());
        sample.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1_000_000,
                model.sampleSizeProperty().get(), 500));
        sample.valueProperty().addListener((o, was, now) -> model.sampleSizeProperty().set(now));
        analyse.disableProperty().bind(model.busyProperty());
        analyse.setOnAction(e -> model.analyse());
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(model.messageProperty().isNotEmpty());

        Tables.text(nameCol, CollectionStats::name);
        Tables.count(countCol, CollectionStats::count);
        nameCol.textProperty().bind(model.headerProperty(0));
        countCol.textProperty().bind(model.headerProperty(1));
        pathCol.textProperty().bind(model.headerProperty(2));
        Tables.text(avgCol, c -> Formats.bytes(c.avgSize()));
        Tables.text(maxCol, c -> Formats.bytes(c.maxSize()));
        Tables.text(dataCol, c -> Formats.bytes(c.dataSize()));
        Tables.count(indexCol, c -> (long) c.indexCount());
        Tables.count(sampledCol, CollectionStats::sampled);
        collections.setItems(model.collections());
        collections.getSelectionModel().selectedItemProperty().addListener((o, was, c) -> {
            if (c != null) {
                model.selectedProperty().set(c);
            }
        });
        model.selectedProperty().addListener((o, was, c) -> {
            if (c != null && collections.getSelectionModel().getSelectedItem() != c) {
                collections.getSelectionModel().select(c);
            }
        });

        fieldsTitle.textProperty().bind(model.fieldsTitleProperty());
        keys.textProperty().bind(model.keysProperty());
        keys.managedProperty().bind(model.keysProperty().isNotEmpty());
        keys.visibleProperty().bind(model.keysProperty().isNotEmpty());
        Tables.text(pathCol, f -> f);
        pathCol.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(FieldRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.path());
                getStyleClass().remove("field-flagged");
                if (!empty && row != null && !row.notes().isEmpty()) {
                    getStyleClass().add("field-flagged");
                }
            }
        });
        Tables.text(presenceCol, f -> f);
        presenceCol.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(FieldRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                ProgressBar bar = new ProgressBar(row.presence() / 100.0);
                bar.setPrefWidth(90);
                bar.getStyleClass().add(row.sparse() ? "presence-sparse" : "presence-full");
                HBox cell = new HBox(6, bar, new Label(Formats.percent(row.presence())));
                cell.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                setGraphic(cell);
            }
        });
        Tables.text(typesCol, FieldRow::types);
        Tables.text(notesCol, f -> f);
        notesCol.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(FieldRow row, boolean empty) {
                super.updateItem(row, empty);
                setGraphic(empty || row == null || row.notes().isEmpty() ? null
                        : new StatusChip(Tone.PENDING, row.notes()));
            }
        });
        fields.setItems(model.fields());
    }

    public Parent root() {
        return root;
    }
}
