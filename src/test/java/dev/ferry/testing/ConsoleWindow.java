package dev.ferry.testing;

import dev.ferry.app.Console;
import dev.ferry.service.FxTaskExecutor;
import dev.ferry.service.Session;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * The whole console in TestFX's window for one test, closed after it: register it in a test class that also has
 * {@code @ExtendWith(ApplicationExtension.class)} (which opens the window first) as
 * {@code @RegisterExtension final ConsoleWindow window = ConsoleWindow.onDemo(3_000);}.
 */
public final class ConsoleWindow implements BeforeEachCallback, AfterEachCallback {

    /** No demo: the test connects the console itself. */
    private static final int NO_DEMO = -1;

    private final int demoDocs;
    private Console console;

    private ConsoleWindow(int demoDocs) {
        this.demoDocs = demoDocs;
    }

    /** The console opened on the built-in demo database with {@code docs} documents of runbook 000's user_data. */
    public static ConsoleWindow onDemo(int docs) {
        return new ConsoleWindow(docs);
    }

    /** The console opened on the demo database at its usual size. */
    public static ConsoleWindow onDemo() {
        return new ConsoleWindow(0);
    }

    /** The console with nothing connected. */
    public static ConsoleWindow unconnected() {
        return new ConsoleWindow(NO_DEMO);
    }

    public Console console() {
        return console;
    }

    public Session session() {
        return console.session();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws TimeoutException {
        FxToolkit.setupStage(stage -> {
            console = new Console(new FxTaskExecutor());
            stage.setScene(console.scene());
            console.guardClose(stage); // as the app does: a close request asks about unsaved work and runs
            stage.show();
            if (demoDocs == 0) {
                console.openDemo();
            } else if (demoDocs > 0) {
                console.openDemo(demoDocs);
            }
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (console != null) {
            console.close();
        }
    }
}
