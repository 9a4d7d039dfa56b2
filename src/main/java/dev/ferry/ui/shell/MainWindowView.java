package dev.ferry.ui.shell;

import dev.ferry.service.ConsoleState;
import dev.ferry.service.ConnectionStatus;
import dev.ferry.service.LogEntry;
import dev.ferry.ui.common.Fxml;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import dev.ferry.ui.common.StatusChip;

/** The main window: binds the sidebar, the screens, the log drawer and the status bar to its view model. */
public final class MainWindowView {

    @FXML private VBox navigation;
    @FXML private StackPane content;
    @FXML private VBox logDrawer;
    @FXML private Label logFile;
    @FXML private Button copyLog;
    @FXML private Button closeLog;
    @FXML private ListView<LogEntry> logList;
    @FXML private StatusChip connectionChip;
    @FXML private Label connectionLabel;
    @FXML private Label planLabel;
    @FXML private StatusChip stateChip;
    @FXML private ToggleButton logToggle;
    @FXML private ToggleButton themeToggle;

    private final Parent root;
    private final MainWindowViewModel model;
    private final Map<Screen, Supplier<Node>> factories;
    private final Map<Screen, Node> views = new EnumMap<>(Screen.class);
    private final Map<Screen, ToggleButton> buttons = new EnumMap<>(Screen.class);

    public MainWindowView(MainWindowViewModel model, Map<Screen, Supplier<Node>> factories, String logPath) {
        this.model = model;
        this.factories = factories;
        this.root = Fxml.load(this, "shell/MainWindow.fxml");
        buildNavigation();
        bindStatusBar();
        bindLog(logPath);
        themeToggle.selectedProperty().bindBidirectional(model.darkProperty());
        model.screenProperty().addListener((o, was, now) -> showScreen(now));
        showScreen(model.screenProperty().get());
    }

    public Parent root() {
        return root;
    }

    private void buildNavigation() {
        ToggleGroup group = new ToggleGroup();
        for (Screen screen : Screen.values()) {
            if (!factories.containsKey(screen)) {
                continue;
            }
            ToggleButton button = new ToggleButton(screen.title(), new FontIcon(screen.icon()));
            button.setId(screen.navId());
            button.getStyleClass().add("nav-button");
            button.setToggleGroup(group);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setOnAction(e -> {
                model.show(screen);
                button.setSelected(true); // a second click keeps the screen selected
            });
            buttons.put(screen, button);
            navigation.getChildren().add(button);
        }
    }

    private void showScreen(Screen screen) {
        Node view = views.computeIfAbsent(screen, s -> factories.get(s).get());
        content.getChildren().setAll(view);
        ToggleButton button = buttons.get(screen);
        if (button != null) {
            button.setSelected(true);
        }
    }

    private void bindStatusBar() {
        var session = model.session();
        Runnable connection = () -> {
            ConnectionStatus status = session.connectionProperty().get();
            connectionChip.show(status.tone(), status.label());
        };
        session.connectionProperty().addListener((o, was, now) -> connection.run());
        connection.run();
        connectionLabel.textProperty().bind(session.connectionLabelProperty());
        planLabel.textProperty().bind(model.planLabel());
        Runnable state = () -> {
            ConsoleState s = session.state();
            stateChip.show(s.tone(), s.label());
        };
        session.stateProperty().addListener((o, was, now) -> state.run());
        state.run();
    }

    private void bindLog(String logPath) {
        logList.setItems(model.session().log());
        logList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(LogEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                getStyleClass().removeAll("log-error", "log-warn");
                setText(empty || entry == null ? null : entry.toString());
                if (!empty && entry != null && entry.level() != LogEntry.Level.INFO) {
                    getStyleClass().add(entry.level() == LogEntry.Level.ERROR ? "log-error" : "log-warn");
                }
            }
        });
        model.session().log().addListener((javafx.collections.ListChangeListener<LogEntry>) c -> {
            if (!logList.getItems().isEmpty()) {
                logList.scrollTo(logList.getItems().size() - 1);
            }
        });
        logFile.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> "full log: " + logPath
                + (model.session().workerLogProperty().get().isEmpty() ? ""
                : " · the run's worker log: " + model.session().workerLogProperty().get()),
                model.session().workerLogProperty()));
        logToggle.textProperty().bind(model.logButtonLabel());
        logToggle.selectedProperty().bindBidirectional(model.logOpenProperty());
        logToggle.setTooltip(new Tooltip("Show the log: every error stays here, with the path of the log file"));
        logDrawer.visibleProperty().bind(model.logOpenProperty());
        logDrawer.managedProperty().bind(model.logOpenProperty());
        closeLog.setOnAction(e -> model.logOpenProperty().set(false));
        copyLog.setOnAction(e -> {
            ClipboardContent text = new ClipboardContent();
            text.putString(model.logText());
            Clipboard.getSystemClipboard().setContent(text);
        });
    }
}
