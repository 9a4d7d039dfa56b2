package dev.ferry.app;

import dev.ferry.FerryException;
import java.io.IOException;
import java.net.URL;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: the operator console's main window. */
public final class FerryApp extends Application {

    public static final String TITLE = "Ferry";

    static void launchConsole(String[] args) {
        Application.launch(FerryApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(mainWindow(), 1200, 800);
        scene.getStylesheets().addAll(resource("/css/tokens.css").toExternalForm(),
                resource("/css/app.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle(TITLE);
        stage.show();
    }

    static Parent mainWindow() {
        try {
            return FXMLLoader.load(resource("/fxml/MainWindow.fxml"));
        } catch (IOException e) {
            throw new FerryException("The console's main window could not be loaded: " + e.getMessage(), e);
        }
    }

    private static URL resource(String path) {
        URL url = FerryApp.class.getResource(path);
        if (url == null) {
            throw new FerryException("The console resource " + path + " is missing from the build.");
        }
        return url;
    }
}
