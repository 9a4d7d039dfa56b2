package dev.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.service.ConnectionStatus;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.FxTaskExecutor;
import dev.ferry.testing.FxWait;
import dev.ferry.testing.Screenshots;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Console console;

    @Start
    void start(Stage stage) {
        console = new Console(new FxTaskExecutor());
        stage.setScene(console.scene());
        stage.show();
        console.openDemo();
    }

    @AfterEach
    void close() {
        console.close();
    }

    @Test
    void opensOnTheDemoDatabaseWithRunbook000sPlan(FxRobot robot) throws Exception {
        FxWait.until(30, () -> console.session().connectionProperty().get() == ConnectionStatus.CONNECTED
                        && console.session().plan() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(console.session().state()).isEqualTo(ConsoleState.DRAFT);
        assertThat(console.session().plan().name()).isEqualTo("split-user-data");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#status-connection").queryLabeled().getText()).isEqualTo("connected");
        assertThat(robot.lookup("#status-plan").queryLabeled().getText()).startsWith("plan split-user-data");
        Screenshots.write(robot, "main-window");
    }
}
