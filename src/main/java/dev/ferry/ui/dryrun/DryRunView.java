package dev.ferry.ui.dryrun;

import dev.ferry.engine.DryRunReport.TargetEstimate;
import dev.ferry.engine.RecordError;
import dev.ferry.ui.common.Figure;
import dev.ferry.ui.common.Fxml;
import dev.ferry.ui.common.Tables;
import java.io.File;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

/** Binds the dry-run screen to its view model. */
public final class DryRunView {

    @FXML private Label summary;
    @FXML private Button start;
    @FXML private Button next;
    @FXML private ProgressBar progress;
    @FXML private Label progressText;
    @FXML private Label message;
    @FXML private Label staleness;
    @FXML private HBox figures;
    @FXML private Label blockers;
    @FXML private Label notes;
    @FXML private Label errorsTitle;
    @FXML private Label targetsTitle;
    @FXML private Label noErrors;
    @FXML private TableView<TargetEstimate> targets;
    @FXML private TableColumn<TargetEstimate, String> targetName;
    @FXML private TableColumn<TargetEstimate, Long> insertCol;
    @FXML private TableColumn<TargetEstimate, Long> updateCol;
    @FXML private TableColumn<TargetEstimate, Long> skipCol;
    @FXML private TableColumn<TargetEstimate, Long> errorCol;
    @FXML private TableColumn<TargetEstimate, String> bytesCol;
    @FXML private Button export;
    @FXML private TableView<RecordError> errors;
    @FXML private TableColumn<RecordError, String> keyCol;
    @FXML private TableColumn<RecordError, String> reasonCol;

    private final Parent root;

    public DryRunView(DryRunViewModel model) {
        root = Fxml.load(this, "dryrun/DryRun.fxml");
        summary.textProperty().bind(model.summary());
        start.disableProperty().bind(model.startDisabled());
        start.setOnAction(e -> model.start());
        Tooltip startTip = new Tooltip();
        startTip.textProperty().bind(model.startReason());
        start.setTooltip(startTip);
        next.disableProperty().bind(model.runDisabled());
        next.setOnAction(e -> model.goToRun());
        Tooltip nextTip = new Tooltip();
        nextTip.textProperty().bind(model.runReason());
        next.setTooltip(nextTip);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty().or(model.reportProperty().isNotNull()));
        progressText.textProperty().bind(model.progressTextProperty());
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(model.messageProperty().isNotEmpty());
        staleness.textProperty().bind(model.staleness());
        staleness.managedProperty().bind(model.staleness().isNotEmpty());
        blockers.textProperty().bind(model.blockers());
        blockers.managedProperty().bind(model.blockers().isNotEmpty());
        blockers.visibleProperty().bind(model.blockers().isNotEmpty());
        notes.textProperty().bind(model.notes());
        notes.managedProperty().bind(model.notes().isNotEmpty());
        notes.visibleProperty().bind(model.notes().isNotEmpty());
        errorsTitle.textProperty().bind(model.errorsTitle());
        targetsTitle.textProperty().bind(model.targetsTitle());
        targetName.textProperty().bind(model.targetHeader());
        noErrors.textProperty().bind(model.noErrors());
        keyCol.textProperty().bind(model.keyHeader());

        Tables.text(targetName, TargetEstimate::collection);
        Tables.count(insertCol, TargetEstimate::wouldInsert);
        Tables.count(updateCol, TargetEstimate::wouldUpdate);
        Tables.count(skipCol, TargetEstimate::wouldSkip);
        Tables.count(errorCol, TargetEstimate::errors);
        Tables.text(bytesCol, t -> dev.ferry.ui.common.Formats.bytes(t.bytes()));
        targets.setItems(model.targets());
        Tables.text(keyCol, RecordError::sourceKey);
        Tables.longText(reasonCol, RecordError::reason);
        errors.setItems(model.errors());

        export.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.errors()));
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("dry-run-errors.csv");
            File file = chooser.showSaveDialog(root.getScene().getWindow());
            if (file != null) {
                model.exportErrors(file.toPath());
            }
        });
        model.reportProperty().addListener((o, was, now) -> paintFigures(model));
        paintFigures(model);
    }

    public Parent root() {
        return root;
    }

    private void paintFigures(DryRunViewModel model) {
        figures.getChildren().clear();
        for (String[] figure : model.figures()) {
            figures.getChildren().add(new Figure(figure[0], figure[1]));
        }
    }
}
