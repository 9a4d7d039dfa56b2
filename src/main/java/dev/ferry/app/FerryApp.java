package dev.ferry.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The JavaFX application: the operator console's main window. */
public final class FerryApp extends Application {

    public static final String TITLE = "Ferry";

    static void launchConsole(String[] args) {
        Application.launch(FerryApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(mainWindow(), 1200, 800));
        stage.setTitle(TITLE);
        stage.show();
    }

    static BorderPane mainWindow() {
        BorderPane root = new BorderPane(new Label("Ferry console — the screens arrive with the console issue."));
        root.setId("main-window");
        return root;
    }
}
