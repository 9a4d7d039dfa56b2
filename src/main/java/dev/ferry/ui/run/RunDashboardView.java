package dev.ferry.ui.run;

import dev.ferry.format.HumanFormat;
import dev.ferry.plan.PlanKind;
import dev.ferry.service.Action;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.LogEntry;
import dev.ferry.service.RunSnapshot;
import dev.ferry.service.Session;
import dev.ferry.service.Tone;
import dev.ferry.ui.common.ActionGuard;
import dev.ferry.ui.common.Fxml;
import dev.ferry.ui.common.StatusChip;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The run dashboard: binds the figures, charts, grid and toolbar to {@link RunDashboardViewModel}; paints only. */
public final class RunDashboardView {

    @FXML private StatusChip stateChip;
    @FXML private Label planName;
    @FXML private Button dryRunButton;
    @FXML private Button runButton;
    @FXML private Button pauseButton;
    @FXML private Button resumeButton;
    @FXML private Button cancelButton;
    @FXML private Button copyButton;
    @FXML private Button rollbackButton;
    @FXML private Label hint;
    @FXML private Label errorBanner;
    @FXML private Label stallBanner;
    @FXML private Label waitingBanner;
    @FXML private Label workerGoneBanner;
    @FXML private Label settingsLabel;
    @FXML private TextField batchSizeField;
    @FXML private TextField rateField;
    @FXML private Button applySettingsButton;
    @FXML private Label noticeBanner;
    @FXML private ProgressBar progressBar;
    @FXML private Label percent;
    @FXML private Label processed;
    @FXML private Label rate;
    @FXML private Label elapsed;
    @FXML private Label eta;
    @FXML private Label errors;
    @FXML private Label latency;
    @FXML private LineChart<Number, Number> throughputChart;
    @FXML private LineChart<Number, Number> latencyChart;
    @FXML private LineChart<Number, Number> errorsChart;
    @FXML private LineChart<Number, Number> saturationChart;
    @FXML private TableView<TargetRow> targetTable;
    @FXML private TableColumn<TargetRow, String> targetColumn;
    @FXML private TableColumn<TargetRow, TargetRow> stateColumn;
    @FXML private TableColumn<TargetRow, String> writtenColumn;
    @FXML private TableColumn<TargetRow, String> dryRunColumn;
    @FXML private TableColumn<TargetRow, String> quarantinedColumn;
    @FXML private TableColumn<TargetRow, String> updatedColumn;
    @FXML private ListView<LogEntry> logList;

    private final RunDashboardViewModel model;
    private final Parent root;
    private final XYChart.Series<Number, Number> read = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> written = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> batchLatency = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> cumulativeErrors = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> targetBusy = new XYChart.Series<>();

    public RunDashboardView(RunDashboardViewModel model) {
        this.model = model;
        this.root = Fxml.load(this, "run/RunDashboard.fxml");
        ((Region) root).setMinWidth(0); // never wider than the window: a part that does not fit is cut, not the screen
        bindToolbar();
        bindFigures();
        bindCharts();
        bindGrid();
        bindLog();
    }

    public Parent root() {
        return root;
    }

    private void bindToolbar() {
        Session session = model.session();
        Runnable state = () -> {
            if (session.state() == ConsoleState.RUNNING && !model.waitingMessageProperty().get().isEmpty()) {
                stateChip.show(Tone.PENDING, "waiting for the database");
            } else if (session.state() == ConsoleState.RUNNING && !model.throttledProperty().get().isEmpty()) {
                String t = model.throttledProperty().get(); // "throttled: replica lag 12 s > 5 s (…)": the reason
                stateChip.show(Tone.PENDING, t.contains(" (") ? t.substring(0, t.indexOf(" (")) : t);
            } else {
                stateChip.show(session.state().tone(), session.state().label());
            }
        };
        model.waitingMessageProperty().addListener((o, was, now) -> state.run());
        model.throttledProperty().addListener((o, was, now) -> state.run());
        session.stateProperty().addListener((o, was, now) -> state.run());
        state.run();
        planName.textProperty().bind(Bindings.createStringBinding(() -> session.plan() == null ? ""
                : "plan " + session.plan().name() + " · " + session.plan().hash().substring(0, 8), session.planProperty()));
        dryRunButton.setGraphic(new FontIcon(Material2MZ.SCIENCE));
        runButton.setGraphic(new FontIcon(Material2MZ.PLAY_ARROW));
        pauseButton.setGraphic(new FontIcon(Material2MZ.PAUSE));
        resumeButton.setGraphic(new FontIcon(Material2MZ.PLAY_CIRCLE_OUTLINE));
        cancelButton.setGraphic(new FontIcon(Material2MZ.STOP));
        copyButton.setGraphic(new FontIcon(Material2AL.CONTENT_COPY));
        rollbackButton.setGraphic(new FontIcon(Material2MZ.SETTINGS_BACKUP_RESTORE));
        runButton.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        rollbackButton.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);

        dryRunButton.visibleProperty().bind(model.dryRunOfferedProperty());
        dryRunButton.managedProperty().bind(dryRunButton.visibleProperty());
        dryRunButton.setOnAction(e -> model.dryRunFirst());
        runButton.setOnAction(e -> model.run());
        pauseButton.setOnAction(e -> model.pause());
        resumeButton.setOnAction(e -> model.resume());
        cancelButton.setOnAction(e -> model.cancel());
        rollbackButton.setOnAction(e -> model.rollback());
        applySettingsButton.setOnAction(e -> model.applySettings(batchSizeField.getText(), rateField.getText()));
        applySettingsButton.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            ConsoleState s = session.state();
            return s != ConsoleState.RUNNING && s != ConsoleState.PAUSED && s != ConsoleState.INTERRUPTED;
        }, session.stateProperty()));
        batchSizeField.disableProperty().bind(applySettingsButton.disableProperty());
        rateField.disableProperty().bind(applySettingsButton.disableProperty());
        ActionGuard.tooltip(applySettingsButton, new ReadOnlyStringWrapper("Change the run's batch size and rate limit"
                + " (records per second, 0 for none) from its next batch; asked through the journal, so it reaches the"
                + " run's worker wherever it runs"));
        settingsLabel.textProperty().bind(model.settingsProperty());
        copyButton.setOnAction(e -> {
            ClipboardContent text = new ClipboardContent();
            text.putString(model.copyStatusUpdate());
            Clipboard.getSystemClipboard().setContent(text);
        });
        ActionGuard.bind(runButton, session, Action.RUN, "Run the plan in batches (Ctrl+R)");
        ActionGuard.bind(pauseButton, session, Action.PAUSE, "Stop after the current batch; resume continues (Ctrl+P)");
        ActionGuard.bind(resumeButton, session, Action.RESUME, "Continue from the last checkpoint (Ctrl+R)");
        ActionGuard.bind(cancelButton, session, Action.CANCEL, "Stop after the current batch. What the run wrote stays"
                + " in the targets with its checkpoint and undo log: resume it later, or roll it back");
        ActionGuard.bind(rollbackButton, session, Action.ROLLBACK, "Undo this run: opens the rollback screen, which"
                + " says what will be undone and asks you to type the plan's name");
        ActionGuard.tooltip(copyButton, new ReadOnlyStringWrapper("Put runbook 000's status message on the clipboard"));
        ActionGuard.tooltip(dryRunButton, new ReadOnlyStringWrapper("Run needs a dry run of the plan as it is now:"
                + " read every record, write nothing"));
        hint.textProperty().bind(Bindings.createStringBinding(() -> {
            ConsoleState s = session.state();
            if (s.busy() || s == ConsoleState.PAUSED) {
                return "";
            }
            String why = session.whyNot(Action.RUN);
            return why == null ? "Ready: Run (Ctrl+R) starts the migration in batches of "
                    + HumanFormat.count(session.plan().batchSize()) + "." : why + ".";
        }, session.stateProperty(), session.planProperty(), session.dryRunProperty(), session.connectionProperty()));
        hint.managedProperty().bind(hint.textProperty().isNotEmpty());
        ActionGuard.banner(errorBanner, model.errorProperty());
        ActionGuard.banner(stallBanner, model.stallMessageProperty());
        ActionGuard.banner(waitingBanner, model.waitingMessageProperty());
        ActionGuard.banner(workerGoneBanner, model.workerGoneMessageProperty());
        ActionGuard.banner(noticeBanner, Bindings.createStringBinding(() -> model.copiedProperty().get().isEmpty()
                ? model.noticeProperty().get() : model.noticeProperty().get().isEmpty() ? model.copiedProperty().get()
                : model.noticeProperty().get() + "\n" + model.copiedProperty().get(),
                model.noticeProperty(), model.copiedProperty()));
    }

    private void bindFigures() {
        progressBar.progressProperty().bind(model.progressProperty());
        percent.textProperty().bind(model.percentProperty());
        processed.textProperty().bind(model.processedProperty());
        rate.textProperty().bind(model.rateProperty());
        elapsed.textProperty().bind(model.elapsedProperty());
        eta.textProperty().bind(model.etaProperty());
        errors.textProperty().bind(model.errorsProperty());
        latency.textProperty().bind(model.latencyProperty());
        for (Label figure : List.of(processed, rate, elapsed, eta, errors)) {
            // a figure is never cut short: the strip gives each its full width (the latency gives way first)
            figure.setMinWidth(Region.USE_PREF_SIZE);
            if (figure.getParent() instanceof Region box) {
                box.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        for (Label banner : List.of(hint, errorBanner, waitingBanner, workerGoneBanner, stallBanner, noticeBanner)) {
            banner.setMinHeight(Region.USE_PREF_SIZE);
        }
        for (Label figure : List.of(processed, rate, eta, errors, latency)) {
            figure.getStyleClass().add("no-data");
            model.hasDataProperty().addListener((o, was, now) -> {
                figure.getStyleClass().remove("no-data");
                if (!now) {
                    figure.getStyleClass().add("no-data");
                }
            });
        }
    }

    private void bindCharts() {
        read.setName("read");
        written.setName("written");
        batchLatency.setName("latency");
        cumulativeErrors.setName("errors");
        throughputChart.getData().addAll(List.of(read, written));
        throughputChart.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> "Throughput ("
                + model.unit() + "/s): read vs written", model.session().planProperty()));
        latencyChart.getData().add(batchLatency);
        errorsChart.getData().add(cumulativeErrors);
        targetBusy.setName("writing");
        saturationChart.getData().add(targetBusy);
        // what saturates a split: the targets (writing most of each batch) or the source (waiting for reads)
        saturationChart.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.session().planKind().supports(PlanKind.Capability.MEASURED_SATURATION)
                        ? "Saturation: writing (% of batch time)"
                        : "Saturation: not measured",
                model.session().planProperty()));
        for (RunSnapshot.Sample s : model.samples()) {
            append(s);
        }
        model.samples().addListener((ListChangeListener<RunSnapshot.Sample>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    for (XYChart.Series<Number, Number> series : List.of(read, written, batchLatency, cumulativeErrors)) {
                        series.getData().remove(c.getFrom(), Math.min(series.getData().size(),
                                c.getFrom() + c.getRemovedSize()));
                    }
                    // saturation has no point where it was not measured: it keeps the window by time
                    double first = model.samples().isEmpty() ? Double.MAX_VALUE : model.samples().get(0).seconds();
                    targetBusy.getData().removeIf(d -> d.getXValue().doubleValue() < first);
                }
                if (c.wasAdded()) {
                    c.getAddedSubList().forEach(this::append);
                }
            }
        });
    }

    private void append(RunSnapshot.Sample s) {
        read.getData().add(new XYChart.Data<>(s.seconds(), s.readPerSecond()));
        written.getData().add(new XYChart.Data<>(s.seconds(), s.writtenPerSecond()));
        batchLatency.getData().add(new XYChart.Data<>(s.seconds(), s.latencyMs()));
        cumulativeErrors.getData().add(new XYChart.Data<>(s.seconds(), s.errors()));
        if (!Double.isNaN(s.targetBusyPercent())) {
            targetBusy.getData().add(new XYChart.Data<>(s.seconds(), s.targetBusyPercent()));
        }
    }

    private void bindGrid() {
        targetTable.setItems(model.targets());
        targetTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        targetTable.setPlaceholder(new Label("Open a plan to see its targets"));
        targetTable.setFixedCellSize(32);
        text(targetColumn, TargetRow::target);
        text(writtenColumn, r -> HumanFormat.count(r.written()) + " / "
                + (r.expected() < 0 ? "?" : HumanFormat.count(r.expected())));
        text(dryRunColumn, r -> r.wouldInsert() < 0 ? "no dry run"
                : HumanFormat.count(r.wouldInsert()) + " / " + HumanFormat.count(r.wouldUpdate()));
        text(quarantinedColumn, r -> HumanFormat.count(r.quarantined()));
        text(updatedColumn, TargetRow::lastUpdated);
        stateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        stateColumn.setCellFactory(c -> new TableCell<>() {
            private final StatusChip chip = new StatusChip();

            @Override
            protected void updateItem(TargetRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                } else {
                    chip.show(row.tone(), row.state());
                    setGraphic(chip);
                }
            }
        });
    }

    private static void text(TableColumn<TargetRow, String> column, Function<TargetRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }

    private void bindLog() {
        logList.setItems(model.log());
        logList.setPlaceholder(new Label("Nothing yet: the run's events show here"));
        logList.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0); // wrap to the list's width instead of scrolling sideways
            }

            @Override
            protected void updateItem(LogEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                getStyleClass().removeAll("log-error", "log-warn");
                setText(empty || entry == null ? null : entry.at().toString().substring(11, 19) + "  " + entry.message());
                if (!empty && entry != null && entry.level() != LogEntry.Level.INFO) {
                    getStyleClass().add(entry.level() == LogEntry.Level.ERROR ? "log-error" : "log-warn");
                }
            }
        });
        model.log().addListener((ListChangeListener<LogEntry>) c -> {
            if (!model.log().isEmpty()) {
                logList.scrollTo(model.log().size() - 1);
            }
        });
    }
}
