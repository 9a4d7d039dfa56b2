package dev.ferry.app;

import dev.ferry.service.FxTaskExecutor;
import javafx.application.Application;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/** The JavaFX application: the operator console, opened on the built-in demo database. */
public final class FerryApp extends Application {

    public static final String TITLE = "Ferry";

    private Console console;

    static void launchConsole(String[] args) {
        Application.launch(FerryApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        console = new Console(new FxTaskExecutor());
        stage.setScene(console.scene());
        stage.setTitle(TITLE);
        stage.setOnCloseRequest(event -> {
            String question = console.shell().closeQuestion();
            if (question != null) {
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
            console.close();
        }
    }
}
