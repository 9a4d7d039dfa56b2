package dev.ferry.app;

import dev.ferry.service.FxTaskExecutor;
import javafx.application.Application;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/** The JavaFX application: the operator console, opened on the built-in demo database. */
public final class FerryApp extends Application {

    public static final String TITLE = "Ferry";

    private Console console;
    /** Asked when the window closed: stop the run in its worker after its current batch (else it goes on). */
    private boolean stopRun;

    static void launchConsole(String[] args) {
        Application.launch(FerryApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        console = new Console(new FxTaskExecutor());
        stage.setScene(console.scene());
        stage.setTitle(TITLE);
        stage.setOnCloseRequest(event -> {
            boolean inWorker = console.runs().runsInWorkers()
                    && console.session().state() == dev.ferry.service.ConsoleState.RUNNING;
            String question = console.shell().closeQuestion(inWorker);
            if (question != null && inWorker) {
                ButtonType leave = new ButtonType("Leave the run running", ButtonBar.ButtonData.OK_DONE);
                ButtonType stopIt = new ButtonType("Stop it after this batch", ButtonBar.ButtonData.OTHER);
                Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, leave, stopIt, ButtonType.CANCEL);
                ask.setHeaderText("Close Ferry while the run works?");
                ask.initOwner(stage);
                ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
                if (answer == ButtonType.CANCEL) {
                    event.consume();
                }
                stopRun = answer == stopIt;
            } else if (question != null) {
                Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.CANCEL, ButtonType.CLOSE);
                confirm.setHeaderText("Close Ferry?");
                confirm.initOwner(stage);
                if (confirm.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.CLOSE) {
                    event.consume();
                }
            }
        });
        stage.show();
        console.openDemo();
    }

    @Override
    public void stop() {
        if (console != null) {
            console.close(stopRun);
        }
    }
}
