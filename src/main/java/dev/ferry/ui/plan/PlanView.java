package dev.ferry.ui.plan;

import dev.ferry.plan.MappingRow;
import dev.ferry.service.Tone;
import dev.ferry.transform.FieldError;
import dev.ferry.ui.common.Fxml;
import dev.ferry.ui.common.StatusChip;
import dev.ferry.ui.common.Tables;
import java.io.File;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** Binds the plan screen (the text editor, the mapping, the preview and the rule picker) to its view model. */
public final class PlanView {

    @FXML private Label title;
    @FXML private Button open;
    @FXML private MenuButton recent;
    @FXML private Button builtIn;
    @FXML private Label message;
    @FXML private TabPane planTabs;
    @FXML private StackPane editorHost;
    @FXML private VBox warnings;
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
    @FXML private TabPane sourceTabs;
    @FXML private TreeView<SourceField> sourceFields;
    @FXML private Label picked;
    @FXML private TextField ruleField;
    @FXML private ComboBox<String> ruleTarget;
    @FXML private Button addRule;
    @FXML private TabPane targets;

    private final Parent root;
    private final PlanEditorView editor;
    /** The field name last filled in from a pick: replaced by the next pick unless the person typed their own. */
    private String suggestedName = "";

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
        model.recent().addListener((ListChangeListener<Path>) c -> fillRecent.run());
        fillRecent.run();
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(model.messageProperty().isNotEmpty());

        editor = new PlanEditorView(model.editor());
        editorHost.getChildren().add(editor.root());
        model.warnings().addListener((ListChangeListener<String>) c -> paintWarnings(model));
        paintWarnings(model);

        Tables.text(targetCol, MappingRow::target);
        Tables.text(fieldCol, MappingRow::field);
        Tables.text(sourceCol, MappingRow::source);
        Tables.longText(transformCol, MappingRow::transform);
        mappings.setItems(model.mappings());

        previous.setOnAction(e -> model.previous());
        next.setOnAction(e -> model.next());
        withErrors.setOnAction(e -> model.nextWithErrors());
        reload.setOnAction(e -> model.loadSamples());
        reload.setGraphic(new FontIcon(Material2MZ.REFRESH));
        reload.setTooltip(new Tooltip("Read the samples again"));
        previous.disableProperty().bind(model.indexProperty().lessThanOrEqualTo(0));
        next.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.indexProperty().get() >= model.sampleCount() - 1, model.indexProperty()));
        position.textProperty().bind(model.position());
        source.textProperty().bind(model.sourceJsonProperty());
        bindRulePicker(model);
        model.targets().addListener((ListChangeListener<PlanViewModel.TargetPreview>) c ->
                paintTargets(model));
        paintTargets(model);
    }

    public Parent root() {
        return root;
    }

    /** The plan text editor's view (its code area, for focus and tests). */
    public PlanEditorView editor() {
        return editor;
    }

    private void bindRulePicker(PlanViewModel model) {
        sourceFields.setRoot(new TreeItem<>());
        sourceFields.setCellFactory(tree -> new SourceFieldCell());
        model.sourceFields().addListener((ListChangeListener<SourceField>) c -> fillTree(model.sourceFields()));
        fillTree(model.sourceFields());
        sourceFields.getSelectionModel().selectedItemProperty().addListener((o, was, item) -> {
            SourceField field = item == null ? null : item.getValue();
            picked.setText(field == null ? "Pick a field for a new rule."
                    : "from: " + field.path());
            if (field != null && (ruleField.getText().isBlank() || ruleField.getText().equals(suggestedName))) {
                suggestedName = field.path().replaceAll("\\.\\d+(?=\\.|$)", "").replace('.', '_');
                ruleField.setText(suggestedName);
            }
        });
        picked.setText("Pick a field for a new rule.");
        ruleTarget.setItems(model.ruleTargets());
        Runnable firstTarget = () -> {
            if (!model.ruleTargets().contains(ruleTarget.getValue())) {
                ruleTarget.setValue(model.ruleTargets().isEmpty() ? null : model.ruleTargets().get(0));
            }
        };
        model.ruleTargets().addListener((ListChangeListener<String>) c -> firstTarget.run());
        firstTarget.run();
        addRule.disableProperty().bind(Bindings.isEmpty(model.ruleTargets())
                .or(sourceFields.getSelectionModel().selectedItemProperty().isNull())
                .or(model.editor().editable().not()));
        addRule.setTooltip(new Tooltip("Adds 'field: { from: path }' under the target's fields in the plan text"));
        addRule.setOnAction(e -> {
            TreeItem<SourceField> item = sourceFields.getSelectionModel().getSelectedItem();
            model.addRule(ruleTarget.getValue(), item == null ? null : item.getValue(), ruleField.getText());
            planTabs.getSelectionModel().select(0); // the rule shows in the text, where it can be undone
        });
    }

    private void fillTree(List<SourceField> fields) {
        Set<String> expanded = new HashSet<>();
        collectExpanded(sourceFields.getRoot(), expanded);
        String selected = Optional.ofNullable(sourceFields.getSelectionModel().getSelectedItem())
                .map(i -> i.getValue().path()).orElse(null);
        TreeItem<SourceField> root = new TreeItem<>();
        fields.forEach(f -> root.getChildren().add(item(f, expanded)));
        sourceFields.setRoot(root);
        if (selected != null) {
            find(root, selected).ifPresent(i -> sourceFields.getSelectionModel().select(i));
        }
    }

    private static TreeItem<SourceField> item(SourceField field, Set<String> expanded) {
        TreeItem<SourceField> item = new TreeItem<>(field);
        field.children().forEach(c -> item.getChildren().add(item(c, expanded)));
        item.setExpanded(expanded.contains(field.path()));
        return item;
    }

    private static void collectExpanded(TreeItem<SourceField> item, Set<String> into) {
        if (item == null) {
            return;
        }
        if (item.getValue() != null && item.isExpanded()) {
            into.add(item.getValue().path());
        }
        item.getChildren().forEach(c -> collectExpanded(c, into));
    }

    private static Optional<TreeItem<SourceField>> find(TreeItem<SourceField> item, String path) {
        if (item.getValue() != null && item.getValue().path().equals(path)) {
            return Optional.of(item);
        }
        return item.getChildren().stream().map(c -> find(c, path)).flatMap(Optional::stream).findFirst();
    }

    /** A field's name, and its value (or its size) muted beside it. */
    private static final class SourceFieldCell extends TreeCell<SourceField> {
        @Override
        protected void updateItem(SourceField field, boolean empty) {
            super.updateItem(field, empty);
            if (empty || field == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label(field.name());
            name.getStyleClass().add("field-name");
            name.setMinWidth(Region.USE_PREF_SIZE); // the value gives way, not the name
            Label value = new Label(field.value());
            value.getStyleClass().add("muted");
            HBox row = new HBox(6, name, value);
            setText(null);
            setGraphic(row);
        }
    }

    private void paintWarnings(PlanViewModel model) {
        warnings.getChildren().setAll(model.warnings().stream().map(w -> {
            Label line = new Label("⚠ " + w);
            line.getStyleClass().add("warn-text");
            line.setWrapText(true);
            return line;
        }).toList());
        warnings.setVisible(!model.warnings().isEmpty());
        warnings.setManaged(!model.warnings().isEmpty());
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
