package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollbackConfirmationTest {

    private static final String PLAN = "split-user-data";
    private static final String WITH_YES = "ferry rollback --yes";
    private final StringWriter prompt = new StringWriter();

    @Test
    void theTypedNameMustBeThePlanName() {
        assertThat(RollbackConfirmation.matches(PLAN, "split-user-data")).isTrue();
        assertThat(RollbackConfirmation.matches(PLAN, "  split-user-data \n")).isTrue();
        assertThat(RollbackConfirmation.matches(PLAN, "Split-User-Data")).isFalse();
        assertThat(RollbackConfirmation.matches(PLAN, "split")).isFalse();
        assertThat(RollbackConfirmation.matches(PLAN, "yes")).isFalse();
        assertThat(RollbackConfirmation.matches(PLAN, "")).isFalse();
        assertThat(RollbackConfirmation.matches(PLAN, null)).isFalse();
    }

    @Test
    void typingThePlanNameConfirms() {
        Terminal t = terminal(true, "split-user-data\n");
        assertThatCode(() -> RollbackConfirmation.confirm(t, new PrintWriter(prompt), PLAN, false, WITH_YES))
                .doesNotThrowAnyException();
        assertThat(prompt.toString()).contains("Type the plan name (split-user-data)");
    }

    @Test
    void aMismatchAbortsWithExitTwo() {
        Terminal t = terminal(true, "split-user\n");
        assertThatThrownBy(() -> RollbackConfirmation.confirm(t, new PrintWriter(prompt), PLAN, false, WITH_YES))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("aborted").hasMessageContaining("'split-user'")
                .hasMessageContaining("Nothing was changed");
    }

    @Test
    void endOfInputAbortsOnALineOfItsOwn() {
        Terminal t = terminal(true, "");
        assertThatThrownBy(() -> RollbackConfirmation.confirm(t, new PrintWriter(prompt), PLAN, false, WITH_YES))
                .isInstanceOf(FerryException.class).hasMessageContaining("aborted");
        assertThat(prompt.toString()).endsWith(System.lineSeparator());
    }

    @Test
    void withoutATerminalOnlyYesConfirms() {
        Terminal t = terminal(false, "split-user-data\n");
        assertThatThrownBy(() -> RollbackConfirmation.confirm(t, new PrintWriter(prompt), PLAN, false, WITH_YES))
                .isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("no terminal to type the plan name on").hasMessageContaining("Nothing was changed")
                .hasMessageEndingWith(System.lineSeparator() + "  " + WITH_YES);
        assertThat(prompt.toString()).isEmpty();
        assertThatCode(() -> RollbackConfirmation.confirm(t, new PrintWriter(prompt), PLAN, true, WITH_YES))
                .doesNotThrowAnyException();
    }

    private static Terminal terminal(boolean interactive, String stdin) {
        return new CliHarness(Map.of(), interactive, stdin).terminal();
    }
}
