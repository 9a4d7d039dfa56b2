package dev.ferry.ui.migrations;

import dev.ferry.ui.common.Fxml;
import dev.ferry.ui.common.StatusChip;
import dev.ferry.ui.common.Tables;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;

/** Binds the Migrations screen to its view model. */
public final class MigrationsView {

    @FXML private Label summary;
    @FXML private Label lease;
    @FXML private Button releaseLease;
    @FXML private Button openSet;
    @FXML private Button refresh;
    @FXML private Button runAll;
    @FXML private Button runOne;
    @FXML private Button rollBackOne;
    @FXML private Button rollBackAll;
    @FXML private HBox confirmBar;
    @FXML private Label question;
    @FXML private TextField typed;
    @FXML private Button confirm;
    @FXML private Button cancel;
    @FXML private ProgressBar progress;
    @FXML private Label progressText;
    @FXML private Label message;
    @FXML private TableView<VersionRow> versions;
    @FXML private TableColumn<VersionRow, String> versionCol;
    @FXML private TableColumn<VersionRow, String> descriptionCol;
    @FXML private TableColumn<VersionRow, VersionRow> statusCol;
    @FXML private TableColumn<VersionRow, String> appliedCol;
    @FXML private TableColumn<VersionRow, String> tookCol;
    @FXML private TableColumn<VersionRow, String> noteCol;

    private final Parent root;

    public MigrationsView(MigrationsViewModel model) {
        root = Fxml.load(this, "migrations/Migrations.fxml");
        summary.textProperty().bind(model.summaryProperty());
        lease.textProperty().bind(model.leaseProperty());
        releaseLease.visibleProperty().bind(model.leaseHeldProperty());
        releaseLease.managedProperty().bind(releaseLease.visibleProperty());
        releaseLease.disableProperty().bind(model.actionsDisabled());
        releaseLease.setOnAction(e -> model.askReleaseLease());
        openSet.setOnAction(e -> chooseSet(model));
        refresh.setOnAction(e -> model.refresh());
        refresh.disableProperty().bind(model.runningProperty());
        runAll.setOnAction(e -> model.askRunAll());
        runAll.disableProperty().bind(model.actionsDisabled());
        runOne.setOnAction(e -> model.askRunSelected());
        runOne.disableProperty().bind(model.oneDisabled());
        rollBackOne.setOnAction(e -> model.askRollBackSelected());
        rollBackOne.disableProperty().bind(model.oneDisabled());
        rollBackAll.setOnAction(e -> model.askRollBackAll());
        rollBackAll.disableProperty().bind(model.actionsDisabled());

        question.textProperty().bind(model.questionProperty());
        confirmBar.visibleProperty().bind(model.questionProperty().isNotEmpty());
        confirmBar.managedProperty().bind(confirmBar.visibleProperty());
        typed.textProperty().bindBidirectional(model.typedProperty());
        typed.visibleProperty().bind(model.typeToConfirmProperty().isNotEmpty());
        typed.managedProperty().bind(typed.visibleProperty());
        typed.promptTextProperty().bind(model.typeToConfirmProperty());
        typed.setOnAction(e -> model.confirm());
        confirm.disableProperty().bind(model.confirmDisabled());
        confirm.setOnAction(e -> model.confirm());
        cancel.setOnAction(e -> model.cancel());

        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty().or(model.progressTextProperty().isNotEmpty()));
        progressText.textProperty().bind(model.progressTextProperty());
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(model.messageProperty().isNotEmpty());

        Tables.text(versionCol, VersionRow::label);
        Tables.text(descriptionCol, VersionRow::description);
        Tables.text(statusCol, row -> row);
        statusCol.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(VersionRow row, boolean empty) {
                super.updateItem(row, empty);
                setGraphic(empty || row == null ? null : new StatusChip(row.tone(), row.badge()));
            }
        });
        Tables.text(appliedCol, VersionRow::appliedAt);
        Tables.text(tookCol, VersionRow::took);
        Tables.text(noteCol, VersionRow::note);
        versions.setItems(model.rows());
        versions.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != versions.getSelectionModel().getSelectedItem()) {
                versions.getSelectionModel().select(now);
            }
        });
    }

    public Parent root() {
        return root;
    }

    private void chooseSet(MigrationsViewModel model) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a migration set (a folder of V001__….yaml files)");
        Path sets = Path.of("sets");
        if (Files.isDirectory(sets)) {
            chooser.setInitialDirectory(sets.toAbsolutePath().toFile());
        }
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            model.open(dir.toPath());
        }
    }
}
