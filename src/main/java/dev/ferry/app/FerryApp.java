package dev.ferry.app;

import dev.ferry.service.FxTaskExecutor;
import javafx.application.Application;
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
        console.guardClose(stage);
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
