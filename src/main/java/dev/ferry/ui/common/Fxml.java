package dev.ferry.ui.common;

import dev.ferry.FerryException;
import java.io.IOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads a view's FXML with the view itself as controller (Scene Builder's pattern), so each view owns its file and
 * its {@code @FXML} fields are set before the view binds them to its view model.
 */
public final class Fxml {

    private Fxml() {
    }

    /** Loads {@code /fxml/<path>} with {@code controller}; fails loudly when the build lacks the file. */
    public static Parent load(Object controller, String path) {
        URL url = Fxml.class.getResource("/fxml/" + path);
        if (url == null) {
            throw new FerryException("The console view /fxml/" + path + " is missing from the build.");
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new FerryException("The console view /fxml/" + path + " could not be loaded: " + e.getMessage(), e);
        }
    }
}
