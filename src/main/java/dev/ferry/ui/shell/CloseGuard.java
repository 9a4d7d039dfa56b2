package dev.ferry.ui.shell;

import java.io.File;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * Asks before the console's window closes: first about unsaved work (save, don't save, cancel), then about a run in
 * progress; the window closes only once every question is answered for closing and every save has succeeded.
 */
public final class CloseGuard {

    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    public static final ButtonType DONT_SAVE = new ButtonType("Don't save", ButtonBar.ButtonData.NO);

    private final Stage stage;
    private final MainWindowViewModel model;
    private final BooleanSupplier runInWorker;
    private final Consumer<Boolean> stopRun;

    private CloseGuard(Stage stage, MainWindowViewModel model, BooleanSupplier runInWorker, Consumer<Boolean> stopRun) {
        this.stage = stage;
        this.model = model;
        this.runInWorker = runInWorker;
        this.stopRun = stopRun;
    }

    /**
     * @param runInWorker whether a run is working in a worker process now (then closing asks whether to leave it
     *                    running, the default, or stop it after its current batch)
     * @param stopRun     told the answer before the window closes: true to stop the worker's run
     */
    public static void install(Stage stage, MainWindowViewModel model, BooleanSupplier runInWorker,
                               Consumer<Boolean> stopRun) {
        CloseGuard guard = new CloseGuard(stage, model, runInWorker, stopRun);
        stage.setOnCloseRequest(event -> {
            event.consume(); // the guard closes the window itself once nothing stands in the way
            guard.askAboutUnsavedWork();
        });
    }

    private void askAboutUnsavedWork() {
        Optional<UnsavedWork> unsaved = model.unsavedWork();
        if (unsaved.isEmpty()) {
            askAboutRun();
            return;
        }
        UnsavedWork work = unsaved.get();
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, work.unsaved().orElse("") + " Save them before Ferry"
                + " closes?", SAVE, DONT_SAVE, ButtonType.CANCEL);
        ask.setHeaderText("Save your changes?");
        ask.getDialogPane().setId("close-unsaved");
        ask.initOwner(stage);
        ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == SAVE) {
            File location = null;
            if (!work.hasLocation()) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Save the plan as");
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML plans", "*.yaml", "*.yml"));
                location = chooser.showSaveDialog(stage);
                if (location == null) {
                    return;
                }
            }
            work.save(location == null ? null : location.toPath(), saved -> {
                if (saved) {
                    askAboutUnsavedWork();
                }
            });
        } else if (answer == DONT_SAVE) {
            work.discard();
            askAboutUnsavedWork();
        }
    }

    private void askAboutRun() {
        boolean inWorker = runInWorker.getAsBoolean();
        String question = model.closeQuestion(inWorker);
        if (question != null && inWorker) {
            ButtonType leave = new ButtonType("Leave the run running", ButtonBar.ButtonData.OK_DONE);
            ButtonType stopIt = new ButtonType("Stop it after this batch", ButtonBar.ButtonData.OTHER);
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, leave, stopIt, ButtonType.CANCEL);
            ask.setHeaderText("Close Ferry while the run works?");
            ask.initOwner(stage);
            ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
            if (answer == ButtonType.CANCEL) {
                return;
            }
            stopRun.accept(answer == stopIt);
        } else if (question != null) {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.CANCEL, ButtonType.CLOSE);
            confirm.setHeaderText("Close Ferry?");
            confirm.initOwner(stage);
            if (confirm.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.CLOSE) {
                return;
            }
        }
        stage.close();
    }
}
