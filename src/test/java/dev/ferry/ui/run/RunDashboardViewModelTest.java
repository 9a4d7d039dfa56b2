package dev.ferry.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunEvent;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.RunSnapshot;
import dev.ferry.service.Tone;
import dev.ferry.testing.DemoSession;
import dev.ferry.ui.shell.Navigator;
import dev.ferry.ui.shell.Screen;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunDashboardViewModelTest {

    private final DemoSession demo = new DemoSession(2_500);
    private final List<Screen> shown = new ArrayList<>();
    private final Navigator navigator = shown::add;
    private final RunDashboardViewModel model = new RunDashboardViewModel(demo.session, demo.runs, demo.dryRuns,
            navigator);

    @AfterEach
    void close() {
        demo.close();
    }

    private static RunSnapshot snapshot(long processed, long total, double rate, long quarantined, Duration eta,
                                        RunEvent.GuardrailBreached breach) {
        return new RunSnapshot("r1", false, total, processed, quarantined, Map.of(), true, rate, Duration.ofMinutes(30),
                eta, Duration.ZERO, Instant.EPOCH, null, null, null, List.of(), null, "", breach);
    }

    @Test
    void statusUpdateIsRunbook000sMessage() {
        assertThat(RunDashboardViewModel.statusUpdate(snapshot(3_500, 10_523, 110, 0, Duration.ofMinutes(75), null),
                ConsoleState.RUNNING, false))
                .isEqualTo("Progress: 3,500/10,523 documents (33%) · 110 docs/s · issues: none · ETA 1 h 15 min");
        RunEvent.GuardrailBreached breach = new RunEvent.GuardrailBreached(Instant.EPOCH, "r1", "min_throughput", 12,
                50, "pause");
        assertThat(RunDashboardViewModel.statusUpdate(snapshot(9_999, 10_000, 48.6, 12, null, breach),
                ConsoleState.PAUSED, false))
                .isEqualTo("Progress: 9,999/10,000 documents (99%) · 49 docs/s · issues: 12 quarantined,"
                        + " guardrail min_throughput breached · ETA paused");
        assertThat(RunDashboardViewModel.statusUpdate(RunSnapshot.NONE, ConsoleState.READY, false))
                .isEqualTo("Progress: not started · no throughput yet · issues: none · ETA unknown");
    }

    @Test
    void beforeAnyRunTheFiguresSayNoDataYetAndRunWaitsForADryRun() {
        assertThat(model.processedProperty().get()).isEqualTo("no data yet");
        assertThat(model.errorsProperty().get()).isEqualTo("no data yet");
        assertThat(model.dryRunOfferedProperty().get()).isTrue();
        model.run();
        assertThat(model.errorProperty().get()).isEqualTo("Run needs a dry run of the current plan");
        assertThat(demo.session.state()).isEqualTo(ConsoleState.DRAFT);
        assertThat(model.targets()).extracting(TargetRow::state).containsOnly("not started");
    }

    @Test
    void aDryRunThenARunCompletesAndTheLastSnapshotIsPainted() {
        model.dryRunFirst();
        assertThat(demo.session.state()).isEqualTo(ConsoleState.READY);
        assertThat(model.noticeProperty().get()).startsWith("Dry run done: 2,500 records");
        assertThat(model.dryRunOfferedProperty().get()).isFalse();

        model.runOrResume(); // Ctrl+R
        assertThat(shown).containsExactly(Screen.RUN);
        assertThat(demo.session.state()).isEqualTo(ConsoleState.COMPLETED);
        assertThat(model.processedProperty().get()).isEqualTo("2,500 / 2,500");
        assertThat(model.percentProperty().get()).isEqualTo("100%");
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.etaProperty().get()).isEqualTo("done");
        assertThat(model.errorsProperty().get()).as("a real count, not 'no data'").matches("\\d+");
        assertThat(model.samples()).isNotEmpty();
        assertThat(model.targets()).hasSize(2).allSatisfy(r -> {
            assertThat(r.written()).isEqualTo(r.expected());
            // the demo data has records that cannot migrate: amber, how many in the Quarantined column beside it
            assertThat(r.state()).isEqualTo("completed");
            assertThat(r.quarantined()).isPositive();
            assertThat(r.tone()).isEqualTo(Tone.PENDING);
        });
        assertThat(demo.session.stateTone()).isEqualTo(Tone.PENDING);
        assertThat(demo.session.stateLabel()).matches("completed, \\d+ in quarantine");
        assertThat(model.noticeProperty().get()).startsWith("⚠ Run ").contains(" completed: 2,500/2,500 documents")
                .contains("Not every record migrated");
        assertThat(model.copyStatusUpdate()).startsWith("Progress: 2,500/2,500 documents (100%) · ")
                .contains(" · done in ");
        assertThat(model.log()).extracting(e -> e.message()).anyMatch(m -> m.startsWith("Started run "));

        model.pauseOrResume(); // Ctrl+P with nothing to pause
        assertThat(model.errorProperty().get()).isEqualTo("Only a running run can be paused");
        model.rollback();
        assertThat(shown).containsExactly(Screen.RUN, Screen.ROLLBACK);
    }

    @Test
    void theChartsKeepABoundedWindow() {
        for (int i = 1; i <= 300; i++) {
            model.paint(new RunSnapshot("r1", false, 300_000, i * 1_000L, 0, Map.of(), true, 1_000, Duration.ofSeconds(i),
                    Duration.ofSeconds(300 - i), Duration.ZERO, Instant.EPOCH,
                    new RunSnapshot.Sample(i, 1_000, 2_000, 250, 0), null, null, List.of(), null, "", null));
        }
        assertThat(model.samples()).hasSize(RunDashboardViewModel.WINDOW);
        assertThat(model.samples().get(0).seconds()).isEqualTo(300 - RunDashboardViewModel.WINDOW + 1);
    }

    @Test
    void aRunWithNoBatchForAWhileShowsTheStallBanner() {
        model.dryRunFirst();
        demo.session.moveTo(ConsoleState.RUNNING);
        model.paint(new RunSnapshot("r1", false, 2_500, 1_000, 0, Map.of(), true, 500, Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(40), Instant.EPOCH, null, null, null, List.of(), null, "",
                null));
        assertThat(model.stalledProperty().get()).isTrue();
        assertThat(model.stallMessageProperty().get()).startsWith("No batch has finished for 40 s.");
        assertThat(model.copyStatusUpdate()).contains("issues: no batch for 40 s");
    }

    @Test
    void aRunWaitingForItsDatabaseSaysSoInsteadOfStalling() {
        model.dryRunFirst();
        demo.session.moveTo(ConsoleState.RUNNING);
        RunEvent.WaitingForDatabase waiting = new RunEvent.WaitingForDatabase(Instant.EPOCH, "r1", 3,
                Duration.ofSeconds(2), "connection refused");
        model.paint(new RunSnapshot("r1", false, 2_500, 1_000, 0, Map.of("dataset_metadata", 1_000L), true, 500,
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(40), Instant.EPOCH, null, null, null,
                List.of(), null, "", null, waiting));
        assertThat(model.waitingMessageProperty().get()).isEqualTo("Waiting for the database: connection refused."
                + " Attempt 3, next try in 2 s; the run goes on from its last checkpoint by itself when the database"
                + " answers, and pauses (resumable) if it stays away past the retry limit.");
        assertThat(model.stalledProperty().get()).isFalse();
        assertThat(model.etaProperty().get()).isEqualTo("waiting");
        assertThat(model.targets()).allSatisfy(t -> assertThat(t.state()).isEqualTo("waiting"));

        demo.session.moveTo(ConsoleState.PAUSED); // past the limit the run pauses: no longer waiting
        model.paint(new RunSnapshot("r1", false, 2_500, 1_000, 0, Map.of(), true, 500, Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(40), Instant.EPOCH, null, null, null, List.of(), null, "",
                null, waiting));
        assertThat(model.waitingMessageProperty().get()).isEmpty();
    }
}
