package dev.ferry.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunOutcome;
import dev.ferry.engine.RunState;
import org.junit.jupiter.api.Test;

/** The status bar's state chip is green only for a run that migrated every record, also once it is validated. */
class SessionStateChipTest {

    @Test
    void aRunWithRecordsInQuarantineStaysAmberWhenItsChecksPass() {
        Session session = new Session();
        session.moveTo(ConsoleState.COMPLETED, RunOutcome.of(RunState.COMPLETED, 1_000, 6, true));
        assertThat(session.stateTone()).isEqualTo(Tone.PENDING);
        assertThat(session.stateLabel()).isEqualTo("completed, 6 in quarantine");

        session.moveTo(ConsoleState.VALIDATED);
        assertThat(session.stateTone()).isEqualTo(Tone.PENDING);
        assertThat(session.stateLabel()).isEqualTo("validated, 6 in quarantine");

        session.moveTo(ConsoleState.COMPLETED, RunOutcome.of(RunState.COMPLETED, 1_000, 0, true));
        session.moveTo(ConsoleState.VALIDATED);
        assertThat(session.stateTone()).isEqualTo(Tone.OK);
        assertThat(session.stateLabel()).isEqualTo("validated");
    }
}
