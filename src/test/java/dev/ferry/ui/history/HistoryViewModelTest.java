package dev.ferry.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.ValidationVerdict;
import dev.ferry.format.HumanFormat;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.Tone;
import dev.ferry.testing.DemoSession;
import dev.ferry.ui.shell.Screen;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HistoryViewModelTest {

    private final DemoSession demo = new DemoSession(2_500);
    private final List<Screen> shown = new ArrayList<>();
    private final List<String> rollbackOf = new ArrayList<>();
    private final HistoryViewModel model = new HistoryViewModel(demo.session, demo.history, demo.runs, shown::add,
            rollbackOf::add);

    @AfterEach
    void close() {
        demo.close();
    }

    @Test
    void aCompletedRunShowsItsEstimateBesideItsTimeAndItsReportIsWrittenWithItsDigestKept(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        demo.completedRun();
        RunSummary run = model.rows().get(0);
        assertThat(run.estimated()).isNotNull();
        assertThat(run.took()).isNotNull();
        assertThat(run.forecast()).matches("estimated .+, took .+ \\([+-]\\d+ %\\)");
        assertThat(model.whyNotReport().get()).isEmpty();
        assertThat(model.reportFileName()).isEqualTo("ferry-report-" + run.plan() + "-" + run.runId() + ".html");

        model.report(dir.resolve("run.txt"));
        assertThat(model.errorProperty().get()).contains(".html, .md or .json");
        model.report(dir.resolve("run.html"));

        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.reportedProperty().get()).contains("Report of run " + run.runId()).contains("SHA-256 ");
        dev.ferry.report.ReportFiles.Verification v = dev.ferry.report.ReportFiles.verify(demo.session.engine(),
                dir.resolve("run.html"));
        assertThat(v.unaltered()).isTrue();
        assertThat(v.made().orElseThrow().runId()).isEqualTo(run.runId());

        model.message(dev.ferry.report.RunMessage.COMPLETE);
        assertThat(model.messageTextProperty().get()).startsWith("✅ Migration Complete")
                .contains("- Documents migrated: ").contains("- Data integrity: not validated yet");
        model.message(dev.ferry.report.RunMessage.ANNOUNCE);
        assertThat(model.messageTextProperty().get()).contains("Duration: ~");
    }

    @Test
    void anEmptyDatabaseHasNoRuns() {
        model.refresh();
        assertThat(model.rows()).isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo("No runs in this database yet.");
        assertThat(model.whyNotRollback().get()).isEqualTo("Select a run first");
    }

    @Test
    void aCompletedRunIsListedWithItsOperatorAndCanBeRolledBackButNotResumed() {
        demo.completedRun(); // the history refreshes itself when a run stops
        assertThat(model.rows()).hasSize(1);
        RunSummary run = model.rows().get(0);
        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        assertThat(run.operator()).isEqualTo(System.getProperty("user.name"));
        assertThat(run.processed()).isEqualTo(2_500);
        assertThat(model.selectedProperty().get()).isEqualTo(run);
        assertThat(model.whyNotResume().get()).startsWith("Only a paused, cancelled or interrupted run");
        model.resume();
        assertThat(model.errorProperty().get()).startsWith("Only a paused");
        assertThat(model.whyNotRollback().get()).isEmpty();

        model.rollback();
        assertThat(rollbackOf).containsExactly(run.runId());
        assertThat(shown).containsExactly(Screen.ROLLBACK);
    }

    @Test
    void theValidationColumnShowsTheRunsLatestVerdict() {
        demo.completedRun();
        RunSummary run = model.rows().get(0);
        assertThat(HistoryViewModel.validationText(run)).isEqualTo("not validated");
        assertThat(HistoryViewModel.validationTone(run)).isEqualTo(Tone.UNKNOWN);
        assertThat(HistoryViewModel.validationDetail(run)).isEqualTo("Not validated yet");

        ValidationReport report = demo.session.engine().validate(demo.session.plan());
        assertThat(report.passed()).isTrue();
        model.refresh();
        RunSummary validated = model.rows().get(0);
        assertThat(HistoryViewModel.validationText(validated)).isEqualTo(report.checks().size() + " passed");
        assertThat(HistoryViewModel.validationTone(validated)).isEqualTo(Tone.OK);
        assertThat(HistoryViewModel.validationDetail(validated)).startsWith("Validated ")
                .contains(HumanFormat.time(validated.validation().at()))
                .endsWith(": " + report.checks().size() + " passed");
    }

    @Test
    void aMismatchIsRedAndAnUncheckableValidationGrey() {
        ValidationVerdict mismatched = new ValidationVerdict(Instant.now(), 3, 1, 0, "1 mismatched of 4");
        ValidationVerdict unknown = new ValidationVerdict(Instant.now(), 3, 0, 1, "1 cannot check of 4");
        assertThat(HistoryViewModel.validationText(withVerdict(mismatched))).isEqualTo("1 mismatched of 4");
        assertThat(HistoryViewModel.validationTone(withVerdict(mismatched))).isEqualTo(Tone.FAIL);
        assertThat(HistoryViewModel.validationTone(withVerdict(unknown))).isEqualTo(Tone.UNKNOWN);
    }

    private static RunSummary withVerdict(ValidationVerdict v) {
        return new RunSummary("run-1", "plan", null, RunState.COMPLETED, "dba", null, Instant.now(), Instant.now(), 4,
                4, 0, Map.of(), null, "", v);
    }

    @Test
    void anUnfinishedRunPutsAFreshSessionInItsStateAndCanBeResumed() {
        demo.dryRuns.start(e -> { }, r -> { }, reason -> { });
        // a run that stopped part-way, as a crashed or cancelled console leaves it
        var control = new dev.ferry.engine.RunControl();
        demo.session.engine().run(demo.session.plan(), control, event -> {
            if (event instanceof dev.ferry.engine.RunEvent.BatchDone) {
                control.cancel("test");
            }
        });
        model.refresh();
        assertThat(model.rows().get(0).state()).isEqualTo(RunState.CANCELLED);
        assertThat(demo.session.state()).isEqualTo(ConsoleState.INTERRUPTED);
        assertThat(model.whyNotResume().get()).isEmpty();

        model.resume();
        assertThat(shown).containsExactly(Screen.RUN);
        assertThat(demo.session.state()).isEqualTo(ConsoleState.COMPLETED);
        assertThat(demo.runs.reportProperty().get().resumed()).isTrue();
        assertThat(model.rows().get(0).state()).isEqualTo(RunState.COMPLETED);
    }
}
