package dev.ferry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionTest {

    private static Set<Action> allowed(ConsoleState state, boolean dryRunCurrent) {
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        for (Action action : Action.values()) {
            if (action.whyNot(state, true, dryRunCurrent).isEmpty()) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    @Test
    void runNeedsADryRunOfThePlanAsItIsNow() {
        assertThat(Action.RUN.whyNot(ConsoleState.DRAFT, true, false)).contains("Run needs a dry run of the current plan");
        assertThat(Action.RUN.whyNot(ConsoleState.READY, true, false)).contains("Run needs a dry run of the current plan");
        assertThat(allowed(ConsoleState.READY, true)).containsExactlyInAnyOrder(Action.DRY_RUN, Action.RUN);
    }

    @Test
    void eachStateAllowsWhatTheStateMachineSays() {
        assertThat(allowed(ConsoleState.RUNNING, true)).containsExactlyInAnyOrder(Action.PAUSE, Action.CANCEL);
        assertThat(allowed(ConsoleState.PAUSED, true))
                .containsExactlyInAnyOrder(Action.RESUME, Action.CANCEL, Action.ROLLBACK);
        assertThat(allowed(ConsoleState.INTERRUPTED, true))
                .containsExactlyInAnyOrder(Action.DRY_RUN, Action.RESUME, Action.ROLLBACK);
        assertThat(allowed(ConsoleState.COMPLETED, true))
                .containsExactlyInAnyOrder(Action.DRY_RUN, Action.VALIDATE, Action.ROLLBACK);
        assertThat(allowed(ConsoleState.MISMATCHED, true))
                .containsExactlyInAnyOrder(Action.DRY_RUN, Action.VALIDATE, Action.ROLLBACK);
        assertThat(allowed(ConsoleState.ROLLING_BACK, true)).isEmpty();
        assertThat(allowed(ConsoleState.ROLLED_BACK, true))
                .containsExactlyInAnyOrder(Action.DRY_RUN, Action.RUN);
    }

    @Test
    void nothingIsAllowedWithoutAConnectionOrAPlanAndTheReasonSaysWhy() {
        for (Action action : Action.values()) {
            assertThat(action.whyNot(ConsoleState.READY, false, true)).contains("Connect to a database first (Connections)");
            assertThat(action.whyNot(ConsoleState.NO_PLAN, true, true)).contains("Open a plan first (Plan)");
        }
        assertThat(Action.ROLLBACK.whyNot(ConsoleState.RUNNING, true, true)).contains("Pause or cancel the run first");
    }
}
