package dev.ferry.testing;

import dev.ferry.app.Console;
import dev.ferry.service.ConsoleState;
import java.util.concurrent.TimeoutException;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits for the console's run to complete. On a loaded machine a run can fall behind its dry run's estimate and the
 * plan's duration guardrail pauses it, as it would for an operator: then Ctrl+P resumes it, as the operator would.
 */
public final class RunToCompletion {

    private RunToCompletion() {
    }

    /** @return how many times a guardrail paused the run and Ctrl+P resumed it */
    public static int await(FxRobot robot, Console console) throws TimeoutException {
        for (int resumes = 0; resumes < 30; resumes++) {
            FxWait.until(240, () -> !console.runs().activeProperty().get()
                    && (console.session().state() == ConsoleState.COMPLETED
                    || console.session().state() == ConsoleState.PAUSED));
            if (console.session().state() == ConsoleState.COMPLETED) {
                return resumes;
            }
            robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
            FxWait.until(30, () -> console.session().state() != ConsoleState.PAUSED);
        }
        throw new TimeoutException("the run was paused by its guardrails 30 times");
    }
}
