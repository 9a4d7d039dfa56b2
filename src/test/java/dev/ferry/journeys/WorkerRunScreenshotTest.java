package dev.ferry.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RequestOutcome;
import dev.ferry.engine.RunRequest;
import dev.ferry.service.ConnectionStatus;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.RunService;
import dev.ferry.testing.ConsoleWindow;
import dev.ferry.testing.FxWait;
import dev.ferry.testing.Screenshots;
import dev.ferry.worker.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The run screen of a console whose run works in a worker process, at 1280×800, with real clicks: started, a rate
 * limit set from the screen's fields (the settings show beside the plan), then the worker killed and shown as gone. Writes
 * tour-07-run-in-worker.png and tour-08-worker-gone.png to target/screenshots for people to look at.
 */
@ExtendWith(ApplicationExtension.class)
class WorkerRunScreenshotTest {

    private static String before;

    @BeforeAll
    static void workers() {
        before = System.getProperty("ferry.worker");
        System.setProperty("ferry.worker", "process"); // this console's runs go to workers, as the app's do
        System.setProperty("ferry.log.dir", Path.of("target", "worker-logs").toAbsolutePath().toString());
    }

    @AfterAll
    static void restore() {
        System.setProperty("ferry.worker", before == null ? "in-process" : before);
    }

    @RegisterExtension
    final ConsoleWindow window = ConsoleWindow.onDemo(12_000);

    @Test
    void theRunScreenOfARunInAWorkerAndOfAWorkerThatIsGone(FxRobot robot) throws Exception {
        FxWait.until(120, () -> window.session().connectionProperty().get() == ConnectionStatus.CONNECTED
                && window.session().plan() != null);
        assertThat(window.console().runs().mode()).isEqualTo(RunService.Mode.WORKERS);
        WaitForAsyncUtils.asyncFx(() -> {
            Stage stage = (Stage) robot.listTargetWindows().get(0);
            stage.setWidth(1280);
            stage.setHeight(800);
        }).get();
        robot.clickOn("#nav-run");
        robot.clickOn("#run-dry-run-first");
        FxWait.until(300, () -> window.session().state() == ConsoleState.READY);
        robot.clickOn("#run-start");
        FxWait.until(180, () -> window.console().runs().snapshotProperty().get().processed() > 0);
        WorkerProcess worker = window.console().runs().worker().orElseThrow();
        // another operator slows the run first (so it is still working when the pictures are taken, however loaded
        // the machine), then this console's fields change the limit again
        RequestOutcome slowed = window.session().engine().request(window.session().plan(), null,
                RunRequest.set(null, 200.0));
        assertThat(slowed.accepted()).as(slowed.message()).isTrue();
        robot.clickOn("#run-rate-limit").write("300");
        robot.clickOn("#run-apply-settings");
        try {
            FxWait.until(60, () -> robot.lookup("#run-settings").queryAs(Label.class).getText().contains("limit 300"));
        } catch (java.util.concurrent.TimeoutException e) {
            Screenshots.write(robot, "tour-07-settings-not-shown");
            throw new AssertionError("the rate limit never showed as in force; field \""
                    + robot.lookup("#run-rate-limit").queryAs(javafx.scene.control.TextField.class).getText()
                    + "\", error \"" + robot.lookup("#run-error").queryAs(Label.class).getText() + "\", notice \""
                    + robot.lookup("#run-notice").queryAs(Label.class).getText() + "\", state "
                    + window.session().state() + " (see target/screenshots/tour-07-settings-not-shown.png)", e);
        }
        FxWait.until(30, () -> window.console().runs().snapshotProperty().get().sample() != null);
        Thread.sleep(1500); // a few more points on the charts (at 200-300 docs/s the 12,000 last well past the pictures)
        Screenshots.write(robot, "tour-07-run-in-worker");
        assertThat(window.session().state()).isEqualTo(ConsoleState.RUNNING);

        ProcessHandle.of(worker.pid()).orElseThrow().destroyForcibly();
        FxWait.until(90, () -> window.session().state() == ConsoleState.INTERRUPTED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#run-notice").queryAs(Label.class).getText())
                .contains("pid " + worker.pid()).contains("has not been heard from since").contains("Resume");
        assertThat(robot.lookup("#run-worker-gone").queryAs(Label.class).isVisible())
                .as("the notice says it once; no second banner repeats it").isFalse();
        Screenshots.write(robot, "tour-08-worker-gone");
        assertThat(worker.await(Duration.ofSeconds(10))).isPresent();
    }
}
