package dev.ferry.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunRequest;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.RunSnapshot;
import dev.ferry.testing.WorkerFixture;
import dev.ferry.ui.shell.Navigator;
import dev.ferry.worker.WorkerProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console starts runs as worker processes (real child JVMs of Ferry's CLI) and shows them from the journal: a run
 * left running when its console closes completes, and a console opened later shows it completed with its charts; two
 * consoles on one run paint the same figures.
 */
class WorkerRunInTheConsoleTest {

    private static final int DOCS = 12_000;

    @Test
    void aWorkerStartedByTheConsoleKeepsRunningAfterTheConsoleClosesAndANewConsoleShowsItCompleted() throws Exception {
        try (WorkerFixture f = new WorkerFixture(DOCS, 200)) {
            WorkerFixture.Console first = f.console();
            first.dryRun();
            assertThat(first.session.state()).isEqualTo(ConsoleState.READY);
            assertThat(first.runs.start()).as(first.runs.problemProperty().get()).isTrue();
            WorkerProcess worker = first.runs.worker().orElseThrow();
            assertThat(worker.pid()).isNotEqualTo(ProcessHandle.current().pid());
            f.until(Duration.ofMinutes(2), "the worker's first batches", () ->
                    first.runs.snapshotProperty().get().processed() > 0);
            assertThat(first.session.state()).isEqualTo(ConsoleState.RUNNING);
            // slow it so it is still working when the console closes
            assertThat(first.session.engine().request(first.session.plan(), null, RunRequest.set(null, 1500.0))
                    .accepted()).isTrue();
            String runId = first.runs.snapshotProperty().get().runId();

            first.close(false); // "leave the run running"
            assertThat(worker.alive()).as("the worker outlives the console").isTrue();
            assertThat(worker.await(Duration.ofMinutes(3))).as("the worker finishes the run").contains(1);

            WorkerFixture.Console later = f.console();
            f.until(Duration.ofSeconds(60), "the new console to show the run completed",
                    () -> later.session.state() == ConsoleState.COMPLETED);
            RunSnapshot s = later.runs.snapshotProperty().get();
            assertThat(s.runId()).isEqualTo(runId);
            assertThat(s.processed()).isEqualTo(DOCS);
            assertThat(s.total()).isEqualTo(DOCS);
            assertThat(s.quarantined()).isPositive(); // the demo's invalid histories
            assertThat(later.runs.noticeProperty().get()).startsWith("Run " + runId + " completed: 12,000/12,000");
            assertThat(f.count("dataset_metadata")).isEqualTo(DOCS - s.quarantined());
            RunSummary summary = later.session.engine().history(later.session.plan().name()).get(0);
            assertThat(summary.state()).isEqualTo(RunState.COMPLETED);
            assertThat(summary.worker().pid()).isEqualTo(worker.pid());
            assertThat(summary.worker().log()).isEqualTo(worker.log().toString());
            assertThat(summary.audit()).extracting(a -> a.what()).contains("started",
                    "set rate limit 1500/s requested", "completed");
        }
    }

    @Test
    void twoConsolesOnOneRunPaintTheSameFigures() throws Exception {
        try (WorkerFixture f = new WorkerFixture(DOCS, 250)) {
            WorkerFixture.Console a = f.console();
            WorkerFixture.Console b = f.console();
            RunDashboardViewModel screenA = new RunDashboardViewModel(a.session, a.runs, a.dryRuns, Navigator.NONE);
            RunDashboardViewModel screenB = new RunDashboardViewModel(b.session, b.runs, b.dryRuns, Navigator.NONE);
            a.dryRun();
            assertThat(a.runs.start()).as(a.runs.problemProperty().get()).isTrue();
            f.until(Duration.ofMinutes(2), "both consoles to see the run working",
                    () -> a.session.state() == ConsoleState.RUNNING && b.session.state() == ConsoleState.RUNNING
                            && screenB.hasDataProperty().get());
            assertThat(screenB.processedProperty().get()).endsWith("/ 12,000");
            f.until(Duration.ofMinutes(3), "both consoles to see the run completed",
                    () -> a.session.state() == ConsoleState.COMPLETED && b.session.state() == ConsoleState.COMPLETED);
            f.until(Duration.ofSeconds(5), "the last points", () -> true);
            for (var figure : List.of(pair(screenA.processedProperty().get(), screenB.processedProperty().get()),
                    pair(screenA.percentProperty().get(), screenB.percentProperty().get()),
                    pair(screenA.errorsProperty().get(), screenB.errorsProperty().get()),
                    pair(screenA.latencyProperty().get(), screenB.latencyProperty().get()),
                    pair(screenA.elapsedProperty().get(), screenB.elapsedProperty().get()),
                    pair(screenA.rateProperty().get(), screenB.rateProperty().get()))) {
                assertThat(figure.get(1)).isEqualTo(figure.get(0));
            }
            assertThat(screenA.processedProperty().get()).isEqualTo("12,000 / 12,000");
            assertThat(screenA.targets()).extracting(TargetRow::written)
                    .isEqualTo(screenB.targets().stream().map(TargetRow::written).toList());
            assertThat(screenA.samples()).isNotEmpty();
            assertThat(screenB.samples()).isNotEmpty();
            assertThat(last(screenB).errors()).isEqualTo(last(screenA).errors());
            assertThat(last(screenB).seconds()).isEqualTo(last(screenA).seconds());
        }
    }

    private static List<String> pair(String a, String b) {
        return List.of(a, b);
    }

    private static RunSnapshot.Sample last(RunDashboardViewModel screen) {
        return screen.samples().get(screen.samples().size() - 1);
    }
}
