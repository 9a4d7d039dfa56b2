package dev.ferry.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.service.ConnectionStatus;
import dev.ferry.service.ConsoleState;
import dev.ferry.testing.ConsoleWindow;
import dev.ferry.testing.FxWait;
import dev.ferry.testing.Screenshots;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Walks the console's screens in runbook order with real clicks on the demo database and writes a PNG of each to
 * {@code target/screenshots/} for people to look at (tour-NN-screen.png).
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTourTest {

    @RegisterExtension
    final ConsoleWindow window = ConsoleWindow.onDemo(3_000);

    @Test
    void everyScreenBeforeTheRun(FxRobot robot) throws Exception {
        FxWait.until(60, () -> window.session().connectionProperty().get() == ConnectionStatus.CONNECTED
                        && window.session().plan() != null);
        robot.interact(() -> { // the size the console is made for
            robot.listTargetWindows().get(0).setWidth(1280);
            robot.listTargetWindows().get(0).setHeight(800);
        });
        Screenshots.write(robot, "tour-01-connections");

        robot.clickOn("#nav-assessment");
        robot.clickOn("#assessment-analyse");
        TableView<?> fields = robot.lookup("#assessment-fields").queryTableView();
        FxWait.until(60, () -> !fields.getItems().isEmpty());
        Screenshots.write(robot, "tour-02-assessment");

        robot.clickOn("#nav-plan");
        FxWait.until(60, () -> robot.lookup("#plan-position").queryLabeled().getText().startsWith("sample 1"));
        assertThat(robot.lookup("#plan-code").tryQuery()).as("the plan's text in the editor").isPresent();
        Screenshots.write(robot, "tour-03-plan");

        robot.clickOn("#nav-dry-run");
        robot.clickOn("#dry-run-start");
        FxWait.until(120, () -> window.session().state() == ConsoleState.READY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#dry-run-targets").queryTableView().getItems()).hasSize(2);
        Screenshots.write(robot, "tour-04-dry-run");

        robot.clickOn("#log-toggle");
        Screenshots.write(robot, "tour-05-log-drawer");
        robot.clickOn("#log-toggle");

        robot.clickOn("#theme-toggle");
        robot.clickOn("#nav-plan");
        Screenshots.write(robot, "tour-06-plan-dark");
        robot.clickOn("#theme-toggle");
    }
}
