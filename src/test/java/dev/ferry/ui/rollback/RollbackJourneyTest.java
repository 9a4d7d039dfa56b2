package dev.ferry.ui.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.service.ConnectionStatus;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.Tone;
import dev.ferry.testing.ConsoleWindow;
import dev.ferry.testing.FxWait;
import dev.ferry.testing.RunToCompletion;
import dev.ferry.testing.Screenshots;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The on-call engineer's journey against the demo database: a completed run (started with Ctrl+R) → History → Roll
 * back… → the typed confirmation (a wrong name keeps the red button disabled) → the restored-state checklist passes.
 */
@ExtendWith(ApplicationExtension.class)
class RollbackJourneyTest {

    @RegisterExtension
    final ConsoleWindow window = ConsoleWindow.onDemo();

    @Test
    void onCallEngineerRollsBackWithTheTypedConfirmationAndTheRestoredStateChecksPass(FxRobot robot) throws Exception {
        FxWait.until(60, () -> window.session().connectionProperty().get() == ConnectionStatus.CONNECTED
                        && window.session().plan() != null);
        robot.clickOn("#nav-run");
        robot.clickOn("#run-dry-run-first");
        FxWait.until(60, () -> window.session().state() == ConsoleState.READY);
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL); // Ctrl+R: run
        RunToCompletion.await(robot, window.console());

        robot.clickOn("#nav-history");
        TableView<RunSummary> table = robot.lookup("#history-table").queryTableView();
        FxWait.until(30, () -> !table.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems().get(0).state()).isEqualTo(RunState.COMPLETED);
        assertThat(table.getItems().get(0).operator()).isEqualTo(System.getProperty("user.name"));
        assertThat(robot.lookup("#history-resume").queryButton().isDisabled()).as("a completed run").isTrue();
        Screenshots.write(robot, "history");

        robot.clickOn(table.getItems().get(0).runId());
        robot.clickOn("#history-rollback");
        FxWait.until(30, () -> window.console().rollback().previewProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Button confirm = robot.lookup("#rollback-confirm").queryButton();
        assertThat(confirm.getText()).isEqualTo("Roll back split-user-data on narrative_modeling");
        assertThat(window.console().rollback().undo()).extracting(RollbackViewModel.UndoRow::collection)
                .containsExactly("dataset_metadata", "transformation_configs");
        assertThat(window.console().rollback().undo()).allSatisfy(r -> assertThat(r.toDelete()).isEqualTo(10_517));

        robot.clickOn("#rollback-typed").write("split-user");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(confirm.isDisabled()).as("a name that does not match").isTrue();
        robot.write("-data");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(confirm.isDisabled()).isFalse();
        Screenshots.write(robot, "rollback-confirm");

        robot.clickOn(confirm);
        FxWait.until(120, () -> window.console().rollback().phaseProperty().get() == RollbackViewModel.Phase.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.session().state()).isEqualTo(ConsoleState.ROLLED_BACK);
        // 2 undo rows, 2 target checksums, the source, the 2 target collections the run created, dropped again
        assertThat(window.console().rollback().checklist()).hasSize(7)
                .allSatisfy(c -> assertThat(c.tone()).as(c.name()).isEqualTo(Tone.OK));
        assertThat(robot.lookup("#rollback-verdict").queryLabeled().getText()).startsWith("Restored state verified");
        assertThat(robot.lookup("#rollback-phase").queryLabeled().getText()).isEqualTo("rolled back, verified");
        Screenshots.write(robot, "rollback-done");

        robot.clickOn("#nav-history");
        FxWait.until(30, () -> !table.getItems().isEmpty() && table.getItems().get(0).state() == RunState.ROLLED_BACK);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#history-rollback").queryButton().isDisabled()).isTrue();
        Screenshots.write(robot, "history-after-rollback");
    }
}
