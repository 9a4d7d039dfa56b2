package dev.ferry.ui.history;

import atlantafx.base.theme.Styles;
import dev.ferry.engine.RunSummary;
import dev.ferry.format.HumanFormat;
import dev.ferry.service.Tone;
import dev.ferry.ui.common.ActionGuard;
import dev.ferry.ui.common.Fxml;
import dev.ferry.ui.common.StatusChip;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** The history screen: a table of runs and the commands for the selected one. */
public final class HistoryView {

    @FXML private Label status;
    @FXML private Button refreshButton;
    @FXML private Button resumeButton;
    @FXML private Button rollbackButton;
    @FXML private Button reportButton;
    @FXML private Label reported;
    @FXML private Button announceButton;
    @FXML private Button statusButton;
    @FXML private Button completeButton;
    @FXML private Button rollbackMessageButton;
    @FXML private Button copyMessage;
    @FXML private javafx.scene.control.TextArea messageText;
    @FXML private Label errorBanner;
    @FXML private TableView<RunSummary> table;
    @FXML private TableColumn<RunSummary, String> runColumn;
    @FXML private TableColumn<RunSummary, RunSummary> stateColumn;
    @FXML private TableColumn<RunSummary, RunSummary> validationColumn;
    @FXML private TableColumn<RunSummary, String> processedColumn;
    @FXML private TableColumn<RunSummary, String> quarantinedColumn;
    @FXML private TableColumn<RunSummary, String> startedColumn;
    @FXML private TableColumn<RunSummary, String> endedColumn;
    @FXML private TableColumn<RunSummary, String> operatorColumn;
    @FXML private TableColumn<RunSummary, String> hashColumn;
    @FXML private Label details;

    private final HistoryViewModel model;
    private final Parent root;

    public HistoryView(HistoryViewModel model) {
        this.model = model;
        this.root = Fxml.load(this, "history/History.fxml");
        bind();
    }

    public Parent root() {
        return root;
    }

    private void bind() {
        status.textProperty().bind(model.statusProperty());
        ActionGuard.banner(errorBanner, model.errorProperty());
        refreshButton.setGraphic(new FontIcon(Material2MZ.REFRESH));
        resumeButton.setGraphic(new FontIcon(Material2MZ.PLAY_CIRCLE_OUTLINE));
        rollbackButton.setGraphic(new FontIcon(Material2MZ.SETTINGS_BACKUP_RESTORE));
        rollbackButton.getStyleClass().add(Styles.DANGER);
        refreshButton.setOnAction(e -> model.refresh());
        resumeButton.setOnAction(e -> model.resume());
        rollbackButton.setOnAction(e -> model.rollback());
        reportButton.disableProperty().bind(model.whyNotReport().isNotEmpty());
        ActionGuard.tooltip(reportButton, Bindings.createStringBinding(() -> model.whyNotReport().get().isEmpty()
                ? "Write this run's report (HTML, Markdown or JSON); its SHA-256 is kept in the journal"
                : model.whyNotReport().get(), model.whyNotReport()));
        announceButton.setOnAction(e -> model.message(dev.ferry.report.RunMessage.ANNOUNCE));
        statusButton.setOnAction(e -> model.message(dev.ferry.report.RunMessage.STATUS));
        completeButton.setOnAction(e -> model.message(dev.ferry.report.RunMessage.COMPLETE));
        rollbackMessageButton.setOnAction(e -> model.message(dev.ferry.report.RunMessage.ROLLBACK));
        messageText.textProperty().bind(model.messageTextProperty());
        copyMessage.disableProperty().bind(model.messageTextProperty().isEmpty());
        copyMessage.setOnAction(e -> {
            javafx.scene.input.ClipboardContent text = new javafx.scene.input.ClipboardContent();
            text.putString(model.messageTextProperty().get());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(text);
        });
        reported.textProperty().bind(model.reportedProperty());
        reported.managedProperty().bind(model.reportedProperty().isNotEmpty());
        reportButton.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.getExtensionFilters().addAll(
                    new javafx.stage.FileChooser.ExtensionFilter("HTML report", "*.html"),
                    new javafx.stage.FileChooser.ExtensionFilter("Markdown report", "*.md"),
                    new javafx.stage.FileChooser.ExtensionFilter("JSON report", "*.json"));
            chooser.setInitialFileName(model.reportFileName());
            java.io.File file = chooser.showSaveDialog(reportButton.getScene().getWindow());
            if (file != null) {
                model.report(file.toPath());
            }
        });
        resumeButton.disableProperty().bind(model.whyNotResume().isNotEmpty());
        rollbackButton.disableProperty().bind(model.whyNotRollback().isNotEmpty());
        ActionGuard.tooltip(resumeButton, Bindings.createStringBinding(() -> model.whyNotResume().get().isEmpty()
                ? "Continue the selected run from its last checkpoint" : model.whyNotResume().get(), model.whyNotResume()));
        ActionGuard.tooltip(rollbackButton, Bindings.createStringBinding(() -> model.whyNotRollback().get().isEmpty()
                ? "Undo the selected run: opens the rollback screen with it chosen" : model.whyNotRollback().get(),
                model.whyNotRollback()));

        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No runs in this database yet"));
        text(runColumn, RunSummary::runId);
        text(processedColumn, r -> HumanFormat.count(r.processed()) + " / " + HumanFormat.count(r.total()));
        text(quarantinedColumn, r -> HumanFormat.count(r.quarantined()));
        text(startedColumn, r -> HumanFormat.time(r.startedAt()));
        text(endedColumn, r -> r.endedAt() == null ? (r.leaseHolder() != null ? "running" : "—")
                : HumanFormat.duration(Duration.between(r.startedAt(), r.endedAt())));
        text(operatorColumn, r -> r.operator() + (r.host() == null ? "" : "@" + r.host()));
        text(hashColumn, r -> HistoryViewModel.shortHash(r.planHash()));
        // the chip's word fits the column (how many are in quarantine is the next column); the whole outcome is its tip
        chips(stateColumn, HistoryViewModel::stateTone, HistoryViewModel::stateWord, HistoryViewModel::stateText);
        // a long verdict ("1 mismatched, 1 cannot check of 4") may be cut short in the cell: the tooltip has it all
        chips(validationColumn, HistoryViewModel::validationTone, HistoryViewModel::validationText,
                HistoryViewModel::validationDetail);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        details.textProperty().bind(Bindings.createStringBinding(() -> describe(model.selectedProperty().get()),
                model.selectedProperty()));
    }

    /** A column of status chips (an icon and a word in the run's tone), with an optional tooltip per run. */
    private static void chips(TableColumn<RunSummary, RunSummary> column, Function<RunSummary, Tone> tone,
                              Function<RunSummary, String> text, Function<RunSummary, String> tooltip) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private final StatusChip chip = new StatusChip();

            @Override
            protected void updateItem(RunSummary run, boolean empty) {
                super.updateItem(run, empty);
                if (empty || run == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                chip.show(tone.apply(run), text.apply(run));
                setGraphic(chip);
                String tip = tooltip.apply(run);
                setTooltip(tip == null ? null : new Tooltip(tip));
            }
        });
    }

    private static String describe(RunSummary r) {
        if (r == null) {
            return "Select a run to see its details.";
        }
        String written = r.written().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + HumanFormat.count(e.getValue())).collect(Collectors.joining(", "));
        return "Run " + r.runId() + " of " + r.plan() + (r.planHash() == null ? "" : " (plan hash " + r.planHash()
                + ")") + " · " + HistoryViewModel.stateText(r) + "\nStarted " + HumanFormat.time(r.startedAt()) + " by "
                + r.operator() + (r.host() == null ? "" : " on " + r.host())
                + (r.endedAt() == null ? "" : " · ended " + HumanFormat.time(r.endedAt()))
                + (r.forecast().isEmpty() ? "" : "\n" + Character.toUpperCase(r.forecast().charAt(0))
                + r.forecast().substring(1))
                + "\n" + HistoryViewModel.validationDetail(r)
                + (written.isEmpty() ? "" : "\nWritten: " + written)
                + (r.leaseHolder() == null ? "" : "\nLease held by " + r.leaseHolder())
                + (r.message() == null || r.message().isBlank() ? "" : "\n" + r.message())
                + (r.worker() == null && r.audit().isEmpty() ? "" : "\n" + HistoryViewModel.auditDetail(r));
    }

    private static void text(TableColumn<RunSummary, String> column, Function<RunSummary, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }
}
