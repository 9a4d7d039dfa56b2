package dev.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.api.FxRobot;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @Start
    void start(Stage stage) {
        new FerryApp().start(stage);
    }

    @Test
    void opensTheMainWindowHeadless(FxRobot robot) {
        assertThat(robot.lookup("#main-window").tryQuery()).isPresent();
        assertThat(robot.listTargetWindows()).isNotEmpty();
    }
}
