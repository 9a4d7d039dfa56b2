package dev.ferry.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.service.ConnectionStatus;
import dev.ferry.service.ConsoleState;
import dev.ferry.testing.ConsoleWindow;
import dev.ferry.testing.FxWait;
import dev.ferry.testing.RunToCompletion;
import dev.ferry.testing.Screenshots;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lead's journey, with real clicks against the demo database: open the console → Run screen → dry run first →
 * Run → the charts move → completed → copy the status update.
 */
@ExtendWith(ApplicationExtension.class)
class RunDashboardJourneyTest {

    @RegisterExtension
    final ConsoleWindow window = ConsoleWindow.onDemo();

    @Test
    void leadStartsTheRunWatchesTheChartsMoveAndSeesItComplete(FxRobot robot) throws Exception {
        FxWait.until(60, () -> window.session().connectionProperty().get() == ConnectionStatus.CONNECTED
                        && window.session().plan() != null);
        // before any run: the rollback screen says, in the screen, that there is nothing to undo
        robot.clickOn("#nav-rollback");
        FxWait.until(30, () -> robot.lookup("#rollback-error").queryLabeled().isVisible());
        assertThat(robot.lookup("#rollback-error").queryLabeled().getText())
                .isEqualTo("Plan split-user-data has no run in narrative_modeling: there is nothing to roll back.");
        assertThat(robot.lookup("#rollback-confirm").queryButton().isDisabled()).isTrue();
        Screenshots.write(robot, "rollback-nothing-to-undo");

        robot.clickOn("#nav-run");
        WaitForAsyncUtils.waitForFxEvents();
        Button run = robot.lookup("#run-start").queryButton();
        assertThat(run.isDisabled()).as("Run needs a dry run of the current plan").isTrue();
        assertThat(robot.lookup("#run-processed").queryLabeled().getText()).isEqualTo("no data yet");
        Screenshots.write(robot, "run-idle");

        robot.clickOn("#run-dry-run-first");
        FxWait.until(60, () -> window.session().state() == ConsoleState.READY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(run.isDisabled()).isFalse();

        robot.clickOn("#run-start");
        LineChart<?, ?> throughput = robot.lookup("#run-chart-throughput").query();
        XYChart.Series<?, ?> read = throughput.getData().get(0);
        FxWait.until(60, () -> read.getData().size() >= 2
                || window.session().state() != ConsoleState.RUNNING);
        boolean caughtMidRun = window.session().state() == ConsoleState.RUNNING;
        if (caughtMidRun) {
            Screenshots.write(robot, "run-mid");
        }
        RunToCompletion.await(robot, window.console()); // Ctrl+P resumes when a guardrail pauses it on a slow machine
        WaitForAsyncUtils.waitForFxEvents();

        // the run's last figures reach the screen on the next coalesced tick (≤ 250 ms)
        FxWait.until(10, () -> robot.lookup("#run-processed").queryLabeled().getText().equals("10,523 / 10,523"));
        int points = FxWait.read(() -> read.getData().size());
        LineChart<?, ?> saturation = robot.lookup("#run-chart-saturation").query();
        List<Double> busy = FxWait.read(() -> saturation.getData().get(0).getData().stream()
                .map(d -> ((Number) d.getYValue()).doubleValue()).toList());
        assertThat(busy).as("the saturation chart moved, in percent").isNotEmpty()
                .allSatisfy(v -> assertThat(v).isBetween(0.0, 100.0));
        assertThat(points).as("the throughput chart moved").isPositive();
        assertThat(points).isLessThanOrEqualTo(RunDashboardViewModel.WINDOW);
        assertThat(robot.lookup("#run-percent").queryLabeled().getText()).isEqualTo("100%");
        assertThat(robot.lookup("#run-eta").queryLabeled().getText()).isEqualTo("done");
        // the demo holds records that cannot migrate: the chip is amber and says how many, never a green "completed"
        assertThat(robot.lookup("#run-state").queryLabeled().getText()).startsWith("completed, ")
                .endsWith(" in quarantine");
        assertThat(robot.lookup("#run-state").queryLabeled().getStyleClass()).contains("tone-pending");
        TableView<TargetRow> targets = robot.lookup("#run-targets").queryTableView();
        List<TargetRow> targetRows = FxWait.read(() -> List.copyOf(targets.getItems()));
        assertThat(targetRows).extracting(TargetRow::target)
                .containsExactly("dataset_metadata", "transformation_configs");
        assertThat(targetRows).allSatisfy(r -> assertThat(r.written()).isEqualTo(r.expected()));

        robot.clickOn("#run-copy-status");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#run-notice").queryLabeled().getText())
                .contains("Copied: Progress: 10,523/10,523 documents (100%) · ")
                .contains(" docs/s · issues: ").contains(" quarantined · done in ");
        Screenshots.write(robot, "run-completed");
        robot.clickOn("#theme-toggle"); // the charts' colours in the dark theme
        Screenshots.write(robot, "run-completed-dark");
        robot.clickOn("#theme-toggle");
        assertThat(caughtMidRun).as("a screenshot mid-run (the run finished before the charts had two points)")
                .isTrue();
    }
}
