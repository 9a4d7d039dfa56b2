package dev.ferry.ui.rollback;

import atlantafx.base.theme.Styles;
import dev.ferry.format.HumanFormat;
import dev.ferry.service.Tone;
import dev.ferry.ui.common.ActionGuard;
import dev.ferry.ui.common.Fxml;
import dev.ferry.ui.common.StatusChip;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** The rollback screen: binds the confirmation, progress and checklist to {@link RollbackViewModel}. */
public final class RollbackView {

    @FXML private StatusChip phaseChip;
    @FXML private Button refreshButton;
    @FXML private Label errorBanner;
    @FXML private Label summary;
    @FXML private Label intro;
    @FXML private TableView<RollbackViewModel.UndoRow> undoTable;
    @FXML private TableColumn<RollbackViewModel.UndoRow, String> collectionColumn;
    @FXML private TableColumn<RollbackViewModel.UndoRow, String> deleteColumn;
    @FXML private TableColumn<RollbackViewModel.UndoRow, String> restoreColumn;
    @FXML private Label before;
    @FXML private VBox confirmCard;
    @FXML private Label confirmPrompt;
    @FXML private TextField typed;
    @FXML private Button confirmButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressText;
    @FXML private Label verdict;
    @FXML private VBox checklist;

    private final RollbackViewModel model;
    private final Parent root;

    public RollbackView(RollbackViewModel model) {
        this.model = model;
        this.root = Fxml.load(this, "rollback/Rollback.fxml");
        bind();
    }

    public Parent root() {
        return root;
    }

    private void bind() {
        Runnable phase = () -> phaseChip.show(switch (model.phaseProperty().get()) {
            case CONFIRM -> model.previewProperty().get() == null ? Tone.UNKNOWN : Tone.PENDING;
            case ROLLING_BACK -> Tone.RUNNING;
            case DONE -> model.verdictToneProperty().get();
        }, switch (model.phaseProperty().get()) {
            case CONFIRM -> model.previewProperty().get() == null ? "nothing to confirm" : "awaiting confirmation";
            case ROLLING_BACK -> "rolling back";
            case DONE -> model.verdictToneProperty().get() == Tone.OK ? "rolled back, verified" : "rolled back, differs";
        });
        model.phaseProperty().addListener((o, was, now) -> phase.run());
        model.previewProperty().addListener((o, was, now) -> phase.run());
        model.verdictToneProperty().addListener((o, was, now) -> phase.run());
        phase.run();
        refreshButton.setOnAction(e -> model.refresh());
        ActionGuard.banner(errorBanner, model.errorProperty());
        summary.textProperty().bind(Bindings.createStringBinding(() -> model.previewProperty().get() == null
                ? "Nothing loaded: no run to roll back, or the preview failed (see above)." : model.summaryProperty().get(),
                model.previewProperty(), model.summaryProperty()));
        undoTable.setItems(model.undo());
        undoTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        undoTable.setPlaceholder(new Label("No run to undo"));
        undoTable.setFixedCellSize(30);
        undoTable.prefHeightProperty().bind(Bindings.max(1, Bindings.size(model.undo())).multiply(30).add(46));
        undoTable.minHeightProperty().bind(undoTable.prefHeightProperty());
        collectionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().collection()));
        intro.textProperty().bind(model.introProperty());
        collectionColumn.textProperty().bind(model.headerProperty(0));
        deleteColumn.textProperty().bind(model.headerProperty(1));
        restoreColumn.textProperty().bind(model.headerProperty(2));
        deleteColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(HumanFormat.count(c.getValue().toDelete())));
        restoreColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(HumanFormat.count(c.getValue().toRestore())));
        before.textProperty().bind(Bindings.createStringBinding(() -> model.beforeProperty().get().isEmpty()
                ? "—" : model.beforeProperty().get(), model.beforeProperty()));

        confirmPrompt.textProperty().bind(Bindings.createStringBinding(() -> "This changes the target database. To"
                + " confirm, type the plan's name, " + model.planName() + ", below.", model.session().planProperty()));
        typed.textProperty().bindBidirectional(model.typedProperty());
        typed.setPromptText("type the plan name");
        typed.disableProperty().bind(model.previewProperty().isNull());
        confirmButton.setMnemonicParsing(false); // "narrative_modeling" keeps its underscore
        confirmButton.textProperty().bind(model.buttonTextProperty());
        // the confirmation is for before; afterwards the evidence takes its place, scrolled into view
        confirmCard.visibleProperty().bind(model.phaseProperty().isEqualTo(RollbackViewModel.Phase.CONFIRM));
        confirmCard.managedProperty().bind(confirmCard.visibleProperty());
        model.phaseProperty().addListener((o, was, now) -> {
            if (now == RollbackViewModel.Phase.DONE && root instanceof ScrollPane scroll) {
                scroll.layout();
                scroll.setVvalue(scroll.getVmax());
            }
        });
        confirmButton.setGraphic(new FontIcon(Material2MZ.SETTINGS_BACKUP_RESTORE));
        confirmButton.getStyleClass().add(Styles.DANGER);
        confirmButton.disableProperty().bind(model.canConfirmProperty().not());
        confirmButton.setOnAction(e -> model.confirm());
        typed.setOnAction(e -> model.confirm());
        ActionGuard.tooltip(confirmButton, Bindings.createStringBinding(() -> model.canConfirmProperty().get()
                ? "Undo the run now" : "Type the plan name " + model.planName() + " exactly to enable this button",
                model.canConfirmProperty()));

        progressBar.progressProperty().bind(model.progressProperty());
        progressText.textProperty().bind(model.progressTextProperty());
        verdict.textProperty().bind(Bindings.createStringBinding(() -> model.verdictProperty().get().isEmpty()
                ? "Not rolled back yet: the checks of the restored state show here afterwards."
                : model.verdictProperty().get(), model.verdictProperty()));
        Runnable tone = () -> {
            verdict.getStyleClass().removeAll("banner", "banner-ok", "banner-error");
            if (!model.verdictProperty().get().isEmpty()) {
                verdict.getStyleClass().addAll("banner",
                        model.verdictToneProperty().get() == Tone.OK ? "banner-ok" : "banner-error");
            }
        };
        model.verdictProperty().addListener((o, was, now) -> tone.run());
        model.verdictToneProperty().addListener((o, was, now) -> tone.run());
        model.checklist().addListener((ListChangeListener<RestoredCheck>) c -> rebuildChecklist());
        rebuildChecklist();
    }

    private void rebuildChecklist() {
        checklist.getChildren().clear();
        for (RestoredCheck check : model.checklist()) {
            StatusChip chip = new StatusChip(check.tone(), check.status());
            chip.setMinWidth(90);
            Label name = new Label(check.name());
            name.getStyleClass().add("check-name");
            Label detail = new Label(check.detail());
            detail.getStyleClass().add("muted");
            detail.setWrapText(true);
            VBox text = new VBox(name, detail);
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox row = new HBox(chip, text);
            row.getStyleClass().add("check-row");
            checklist.getChildren().add(row);
        }
    }
}
