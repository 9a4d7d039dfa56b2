package dev.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.service.ConnectionStatus;
import dev.ferry.service.ConsoleState;
import dev.ferry.testing.ConsoleWindow;
import dev.ferry.testing.FxWait;
import dev.ferry.testing.Screenshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @RegisterExtension
    final ConsoleWindow window = ConsoleWindow.onDemo();

    @Test
    void opensOnTheDemoDatabaseWithRunbook000sPlan(FxRobot robot) throws Exception {
        FxWait.until(30, () -> window.session().connectionProperty().get() == ConnectionStatus.CONNECTED
                        && window.session().plan() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.session().state()).isEqualTo(ConsoleState.DRAFT);
        assertThat(window.session().plan().name()).isEqualTo("split-user-data");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#status-connection").queryLabeled().getText()).isEqualTo("connected");
        assertThat(robot.lookup("#status-plan").queryLabeled().getText()).startsWith("plan split-user-data");
        Screenshots.write(robot, "main-window");
    }
}
