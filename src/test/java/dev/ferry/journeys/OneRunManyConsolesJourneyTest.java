package dev.ferry.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.AuditEntry;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.RollbackService;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.WorkerFixture;
import dev.ferry.ui.rollback.RollbackViewModel;
import dev.ferry.ui.run.RunDashboardViewModel;
import dev.ferry.ui.shell.Navigator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's "done when", on one database: the lead starts a run in the first console; the DBA's console and a
 * terminal ({@code ferry status --follow}) watch it live; the DBA pauses it from the second console; the batch size is
 * changed from the terminal; the lead resumes it (a new worker); the lead's console closes, leaving the run to its
 * worker; the run completes and the DBA rolls it back from the second console — every step seen by every watcher,
 * every request in the run's audit trail. Consoles are view-model sets without a window; every run, resume and
 * rollback is a real worker process, the terminal a real CLI process.
 */
class OneRunManyConsolesJourneyTest {

    private static final int DOCS = 15_000;

    @Test
    void aRunStartedInOneConsoleIsWatchedEverywherePausedFromAnotherSteeredFromATerminalAndRolledBack()
            throws Exception {
        try (WorkerFixture f = new WorkerFixture(DOCS, 250)) {
            WorkerFixture.Console lead = f.console();
            WorkerFixture.Console dba = f.console();
            RunDashboardViewModel leadScreen = new RunDashboardViewModel(lead.session, lead.runs, lead.dryRuns,
                    Navigator.NONE);
            RunDashboardViewModel dbaScreen = new RunDashboardViewModel(dba.session, dba.runs, dba.dryRuns,
                    Navigator.NONE);
            String plan = f.plan.toString();

            // the lead starts the run in a worker, slowed so that everyone has time to act
            lead.dryRun();
            leadScreen.run();
            assertThat(leadScreen.errorProperty().get()).isEmpty();
            f.until(Duration.ofMinutes(2), "the run to work in both consoles", () ->
                    lead.session.state() == ConsoleState.RUNNING && dba.session.state() == ConsoleState.RUNNING
                            && dbaScreen.hasDataProperty().get());
            leadScreen.applySettings("", "300");
            assertThat(leadScreen.errorProperty().get()).isEmpty();
            f.until(Duration.ofSeconds(60), "the rate limit to reach the DBA's screen",
                    () -> dbaScreen.settingsProperty().get().contains("limit 300 docs/s"));

            // the terminal follows it live
            Path followed = Files.createTempFile("ferry-follow", ".out");
            Process terminal = ChildFerry.start(List.of("-Dferry.log.dir=" + System.getProperty("ferry.log.dir")),
                    followed, "status", "--follow", "--plan", plan, "--uri", f.uri);
            f.until(Duration.ofSeconds(90), "the terminal to draw batches",
                    () -> read(followed).contains("Batch "));

            // the DBA pauses it from the second console
            dbaScreen.pause();
            assertThat(dbaScreen.errorProperty().get()).isEmpty();
            f.until(Duration.ofSeconds(90), "every console to see it paused",
                    () -> lead.session.state() == ConsoleState.PAUSED && dba.session.state() == ConsoleState.PAUSED);
            assertThat(terminal.waitFor(60, TimeUnit.SECONDS)).as("the terminal stops following at the pause").isTrue();
            assertThat(read(followed)).contains("Started run").contains("Batch ").contains("is paused")
                    .contains("paused by " + System.getProperty("user.name"));
            assertThat(leadScreen.noticeProperty().get()).startsWith("Paused at ");
            long pausedAt = lead.runs.snapshotProperty().get().processed();
            assertThat(pausedAt).isLessThan(DOCS);
            String runId = lead.runs.snapshotProperty().get().runId();

            // the batch size is changed from the terminal
            ChildFerry.Result set = f.cli(List.of(), "set", "--batch-size", "100", "--plan", plan);
            assertThat(set.code()).as(set.output()).isZero();

            // the lead resumes: a new worker takes the run on with the new batch size
            leadScreen.resume();
            assertThat(leadScreen.errorProperty().get()).isEmpty();
            f.until(Duration.ofMinutes(2), "both consoles to see it working again with batches of 100", () ->
                    lead.session.state() == ConsoleState.RUNNING && dba.session.state() == ConsoleState.RUNNING
                            && dbaScreen.settingsProperty().get().startsWith("batch 100")
                            && dba.runs.snapshotProperty().get().processed() > pausedAt);

            // the lead closes the console; the run goes on in its worker
            lead.close(false);
            dbaScreen.applySettings("", "0"); // and finishes at full speed
            f.until(Duration.ofMinutes(3), "the DBA's console to see it completed",
                    () -> dba.session.state() == ConsoleState.COMPLETED);
            assertThat(dba.runs.snapshotProperty().get().processed()).isEqualTo(DOCS);
            assertThat(f.count("dataset_metadata")).isEqualTo(DOCS - dba.runs.snapshotProperty().get().quarantined());

            // the DBA rolls it back from the second console, in a worker too
            RollbackViewModel rollback = new RollbackViewModel(dba.session, new RollbackService(dba.executor,
                    dba.session));
            rollback.refresh();
            rollback.typedProperty().set(rollback.planName());
            rollback.confirm();
            assertThat(rollback.errorProperty().get()).isEmpty();
            assertThat(rollback.phaseProperty().get()).isEqualTo(RollbackViewModel.Phase.DONE);
            assertThat(dba.session.state()).isEqualTo(ConsoleState.ROLLED_BACK);
            assertThat(f.count("dataset_metadata")).isZero();
            assertThat(f.count("transformation_configs")).isZero();

            RunSummary run = dba.session.engine().history(dba.session.plan().name()).get(0);
            assertThat(run.runId()).isEqualTo(runId);
            assertThat(run.state()).isEqualTo(RunState.ROLLED_BACK);
            assertThat(run.worker().verb()).isEqualTo("rollback");
            assertThat(run.worker().pid()).as("the rollback ran in a worker process").isNotEqualTo(
                    ProcessHandle.current().pid());
            assertThat(run.audit()).extracting(AuditEntry::what).containsSubsequence("started",
                    "set rate limit 300/s requested", "pause requested", "paused", "set batch size 100 requested",
                    "resume requested", "resumed", "set no rate limit requested", "completed", "rollback started",
                    "rolled back");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
