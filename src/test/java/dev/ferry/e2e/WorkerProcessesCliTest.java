package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.AuditEntry;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.connect.Engines;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.MigrationPlans;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.WorkerFixture;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs in worker processes from the command line, every process a real child JVM on one database: {@code run
 * --detach} returns with the run id while the worker goes on; {@code status --follow} draws the run from the journal
 * to its end; {@code pause}, {@code set}, {@code resume} and {@code cancel} from other processes are honoured at the
 * worker's next batch and kept as the run's audit trail; a request to a run whose worker was killed says so and
 * offers resume, and resume takes the run over once the dead worker's lease expired.
 */
class WorkerProcessesCliTest {

    private static final List<String> JVM = List.of("-Dferry.lease.ttl.seconds=6", "-Dferry.worker.gone.seconds=4");

    @Test
    void runDetachReturnsWithTheRunIdAndStatusFollowDrawsTheRunToItsEnd() throws Exception {
        try (WorkerFixture f = new WorkerFixture(6_000, 500)) {
            ChildFerry.Result detached = f.cli(JVM, "run", "--detach", "--plan", f.plan.toString());
            assertThat(detached.code()).as(detached.output()).isZero();
            assertThat(detached.output()).contains("Started a worker (pid ").contains("its log: ")
                    .containsPattern("✓ Run run-\\S+ started in worker pid \\d+");
            String runId = group(detached.output(), "✓ Run (run-\\S+) started");
            assertThat(detached.output()).doesNotContain(f.uri.substring("mongodb://".length()) + " ");

            ChildFerry.Result follow = f.cli(JVM, "status", "--follow", "--plan", f.plan.toString());
            assertThat(follow.code()).as("completed with records in quarantine: " + follow.output()).isEqualTo(1);
            assertThat(follow.output()).contains("Started run " + runId + " of split-user-data: 6,000 documents")
                    .containsPattern("Batch 1/12: migrated \\d+ docs")
                    .contains("Batch 12/12").contains("Run " + runId + " is completed")
                    .containsPattern("split-user-data: ⚠ completed, \\d+ in quarantine · run " + runId)
                    .contains("processed 6,000/6,000").containsPattern("worker: run, pid \\d+ on \\S+ by \\S+ · ended")
                    .contains("worker log: ");

            ChildFerry.Result status = f.cli(JVM, "status", "--plan", f.plan.toString());
            assertThat(status.output()).contains("worker log: ").contains("    | ");
        }
    }

    @Test
    void pauseSetResumeAndCancelFromOtherProcessesAreHonouredAndKeptAsTheAuditTrail() throws Exception {
        try (WorkerFixture f = new WorkerFixture(20_000, 250);
             MigrationEngine engine = Engines.connect(f.uri)) {
            MigrationPlan plan = MigrationPlans.load(f.plan);
            String file = f.plan.toString();
            assertThat(f.cli(JVM, "run", "--detach", "--plan", file).code()).isZero();
            ChildFerry.Result slow = f.cli(JVM, "set", "--rate", "200", "--plan", file);
            assertThat(slow.code()).as(slow.output()).isZero();
            assertThat(slow.output()).contains("✓ Set rate limit 200 records/s asked of run")
                    .containsPattern("worker \\(pid \\d+ on \\S+\\) honours it after its current batch");

            ChildFerry.Result pause = f.cli(JVM, "pause", "--plan", file);
            assertThat(pause.code()).as(pause.output()).isZero();
            RunSummary paused = await(engine, plan, r -> r.state() == RunState.PAUSED);
            assertThat(paused.processed()).isLessThan(20_000);

            ChildFerry.Result set = f.cli(JVM, "set", "--batch-size", "100", "--plan", file);
            assertThat(set.code()).as(set.output()).isZero();
            assertThat(set.output()).contains("is paused").contains("its next worker applies it when the run is"
                    + " resumed");
            ChildFerry.Result pauseAgain = f.cli(JVM, "pause", "--plan", file);
            assertThat(pauseAgain.code()).isEqualTo(1);
            assertThat(pauseAgain.output()).contains("✗ Run ").contains("is paused: nothing is running");

            ChildFerry.Result resume = f.cli(JVM, "resume", "--plan", file);
            assertThat(resume.code()).as(resume.output()).isZero();
            assertThat(resume.output()).containsPattern("✓ Run " + paused.runId() + " resumed in worker pid \\d+");
            await(engine, plan, r -> r.state() == RunState.RUNNING && r.processed() > paused.processed());

            ChildFerry.Result cancel = f.cli(JVM, "cancel", "--plan", file);
            assertThat(cancel.code()).as(cancel.output()).isZero();
            RunSummary cancelled = await(engine, plan, r -> r.state() == RunState.CANCELLED);
            assertThat(cancelled.processed()).isLessThan(20_000);

            assertThat(f.cli(JVM, "set", "--rate", "0", "--plan", file).code()).as("no limit for the rest").isZero();
            assertThat(f.cli(JVM, "resume", "--plan", file).code()).isZero();
            RunSummary done = await(engine, plan, r -> r.state() == RunState.COMPLETED);
            assertThat(done.runId()).isEqualTo(paused.runId());
            assertThat(done.processed()).isEqualTo(20_000);
            assertThat(f.count("dataset_metadata")).isEqualTo(20_000 - done.quarantined());

            ChildFerry.Result history = f.cli(JVM, "history", "--json", "--plan", file);
            assertThat(history.output()).contains("\"audit\"").contains("\"pause requested\"")
                    .contains("\"set batch size 100 requested\"").contains("\"cancel requested\"");
            // the run's state is journalled a moment before the worker's last event: read until the trail has it
            List<AuditEntry> audit = await(engine, plan, r -> r.audit().stream()
                    .anyMatch(a -> a.what().equals("completed"))).audit();
            assertThat(audit).extracting(AuditEntry::what).containsSubsequence("started",
                    "set rate limit 200/s requested", "pause requested", "paused", "set batch size 100 requested",
                    "resume requested", "resumed", "cancel requested", "cancelled", "set no rate limit requested",
                    "resume requested", "resumed", "completed");
            assertThat(audit).filteredOn(a -> a.what().endsWith("requested")).allSatisfy(a -> {
                assertThat(a.by()).isEqualTo(System.getProperty("user.name"));
                assertThat(a.host()).isNotBlank();
                assertThat(a.detail()).startsWith("honoured at");
            });
        }
    }

    @Test
    void aRequestToARunWhoseWorkerWasKilledSaysSoAndResumeTakesItOver() throws Exception {
        try (WorkerFixture f = new WorkerFixture(8_000, 200);
             MigrationEngine engine = Engines.connect(f.uri)) {
            MigrationPlan plan = MigrationPlans.load(f.plan);
            String file = f.plan.toString();
            assertThat(f.cli(JVM, "run", "--detach", "--plan", file).code()).isZero();
            assertThat(f.cli(JVM, "set", "--rate", "400", "--plan", file).code()).isZero();
            RunSummary working = await(engine, plan, r -> r.state() == RunState.RUNNING && r.processed() > 0
                    && r.worker() != null && r.worker().alive());
            ProcessHandle.of(working.worker().pid()).orElseThrow().destroyForcibly(); // SIGKILL
            Thread.sleep(5_000);

            ChildFerry.Result pause = f.cli(JVM, "pause", "--plan", file);
            assertThat(pause.code()).as(pause.output()).isEqualTo(1);
            assertThat(pause.output()).contains("✗ Run " + working.runId())
                    .contains("has no live worker: its worker (pid " + working.worker().pid())
                    .contains("has not been heard from since").contains("Resume it: ferry resume --plan " + file);
            RunSummary interrupted = engine.history(plan.name()).get(0);
            assertThat(interrupted.state()).isEqualTo(RunState.INTERRUPTED);
            assertThat(interrupted.audit()).extracting(AuditEntry::what).doesNotContain("pause requested");

            ChildFerry.Result resume = f.cli(JVM, "resume", "--plan", file);
            assertThat(resume.code()).as(resume.output()).isZero();
            RunSummary done = await(engine, plan, r -> r.state() == RunState.COMPLETED);
            assertThat(done.runId()).isEqualTo(working.runId());
            assertThat(done.processed()).isEqualTo(8_000);
            assertThat(f.count("dataset_metadata")).isEqualTo(8_000 - done.quarantined());
            assertThat(f.count("transformation_configs")).isEqualTo(8_000 - done.quarantined());
        }
    }

    private static RunSummary await(MigrationEngine engine, MigrationPlan plan, Predicate<RunSummary> condition)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            List<RunSummary> runs = engine.history(plan.name());
            if (!runs.isEmpty() && condition.test(runs.get(0))) {
                return runs.get(0);
            }
            assertThat(System.nanoTime()).as("waited 3 minutes; latest: " + (runs.isEmpty() ? "none"
                    : runs.get(0).state() + " " + runs.get(0).message())).isLessThan(end);
            Thread.sleep(200);
        }
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }
}
