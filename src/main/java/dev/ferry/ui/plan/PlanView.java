package dev.ferry.ui.plan;

import dev.ferry.plan.MappingRow;
import dev.ferry.plan.PlanError;
import dev.ferry.service.Tone;
import dev.ferry.transform.FieldError;
import dev.ferry.ui.common.Fxml;
import dev.ferry.ui.common.StatusChip;
import dev.ferry.ui.common.Tables;
import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Binds the plan and mapping preview to its view model. */
public final class PlanView {

    @FXML private Label title;
    @FXML private Button open;
    @FXML private MenuButton recent;
    @FXML private Button builtIn;
    @FXML private Label message;
    @FXML private TableView<PlanError> lint;
    @FXML private TableColumn<PlanError, String> lintWhere;
    @FXML private TableColumn<PlanError, String> lintPath;
    @FXML private TableColumn<PlanError, String> lintMessage;
    @FXML private TableView<MappingRow> mappings;
    @FXML private TableColumn<MappingRow, String> targetCol;
    @FXML private TableColumn<MappingRow, String> fieldCol;
    @FXML private TableColumn<MappingRow, String> sourceCol;
    @FXML private TableColumn<MappingRow, String> transformCol;
    @FXML private Button previous;
    @FXML private Label position;
    @FXML private Button next;
    @FXML private Button withErrors;
    @FXML private Button reload;
    @FXML private TextArea source;
    @FXML private TabPane targets;

    private final Parent root;

    public PlanView(PlanViewModel model) {
        root = Fxml.load(this, "plan/Plan.fxml");
        title.textProperty().bind(model.title());
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open a Ferry plan");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Plans (YAML, JSON)", "*.yaml", "*.yml",
                    "*.json"));
            File file = chooser.showOpenDialog(root.getScene().getWindow());
            if (file != null) {
                model.open(file.toPath());
            }
        });
        builtIn.setOnAction(e -> model.openBuiltIn());
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path p : model.recent()) {
                MenuItem item = new MenuItem(p.toString());
                item.setOnAction(e -> model.open(p));
                recent.getItems().add(item);
            }
            recent.setDisable(model.recent().isEmpty());
        };
        model.recent().addListener((javafx.collections.ListChangeListener<Path>) c -> fillRecent.run());
        fillRecent.run();
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(model.messageProperty().isNotEmpty());

        Tables.text(lintWhere, e -> e.file() + (e.line() > 0 ? ":" + e.line() + ":" + e.column() : ""));
        Tables.text(lintPath, PlanError::path);
        Tables.longText(lintMessage, PlanError::message);
        lint.setItems(model.lintErrors());
        lint.visibleProperty().bind(Bindings.isNotEmpty(model.lintErrors()));
        lint.managedProperty().bind(lint.visibleProperty());

        Tables.text(targetCol, MappingRow::target);
        Tables.text(fieldCol, MappingRow::field);
        Tables.text(sourceCol, MappingRow::source);
        Tables.longText(transformCol, MappingRow::transform);
        mappings.setItems(model.mappings());

        previous.setOnAction(e -> model.previous());
        next.setOnAction(e -> model.next());
        withErrors.setOnAction(e -> model.nextWithErrors());
        reload.setOnAction(e -> model.loadSamples());
        previous.disableProperty().bind(model.indexProperty().lessThanOrEqualTo(0));
        next.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.indexProperty().get() >= model.sampleCount() - 1, model.indexProperty()));
        position.textProperty().bind(model.position());
        source.textProperty().bind(model.sourceJsonProperty());
        model.targets().addListener((javafx.collections.ListChangeListener<PlanViewModel.TargetPreview>) c ->
                paintTargets(model));
        paintTargets(model);
    }

    public Parent root() {
        return root;
    }

    private void paintTargets(PlanViewModel model) {
        int selected = Math.max(0, targets.getSelectionModel().getSelectedIndex());
        targets.getTabs().clear();
        for (PlanViewModel.TargetPreview target : model.targets()) {
            VBox box = new VBox(4);
            box.getStyleClass().add("pane");
            box.getChildren().add(target.errors().isEmpty() ? new StatusChip(Tone.OK, "maps cleanly")
                    : new StatusChip(Tone.FAIL, target.errors().size() + " transform error"
                    + (target.errors().size() == 1 ? "" : "s") + ": the record would be quarantined"));
            for (FieldError error : target.errors()) {
                Label line = new Label("✗ " + error.field() + ": " + error.message());
                line.getStyleClass().addAll("error-text", "field-error");
                line.setWrapText(true);
                box.getChildren().add(line);
            }
            TextArea json = new TextArea(target.json());
            json.setEditable(false);
            json.getStyleClass().add("json");
            VBox.setVgrow(json, Priority.ALWAYS);
            box.getChildren().add(json);
            Tab tab = new Tab(target.collection() + (target.errors().isEmpty() ? "" : " ✗"), box);
            if (!target.errors().isEmpty()) {
                tab.getStyleClass().add("tab-error");
            }
            targets.getTabs().add(tab);
        }
        if (!targets.getTabs().isEmpty()) {
            targets.getSelectionModel().select(Math.min(selected, targets.getTabs().size() - 1));
        }
    }
}
