package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RecordError;
import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.PlanKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The human renderings of engine results, from hand-built records (the engine verbs are tested with the engine). */
class ReportRenderingTest {

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);

    @Test
    void dryRunReadsLikeTheRunbook() {
        DryRunReport r = new DryRunReport("split-user-data", "ab12cd", 10_523,
                List.of(new DryRunReport.TargetEstimate("dataset_metadata", 10_518, 0, 0, 5, 12_000_000)),
                5, List.of(new RecordError("65a1", "transformation_history[2].timestamp: 'yesterday' is not a date")),
                Duration.ofSeconds(2), Duration.ofSeconds(105), 22_000_000);
        DryRunCommand.print(r, out, false);
        assertThat(DryRunCommand.exitCode(r, PlanKind.SPLIT)).as("records would be quarantined: not fully good").isEqualTo(1);
        assertThat(text.toString()).contains("⚠ Would migrate 10,518 of 10,523 source records")
                .contains("✓ Estimated duration: 1 min 45 s").contains("Storage impact: +21.0 MB")
                .contains("✗ 5 records would be quarantined").contains("65a1: transformation_history[2]")
                .contains("… 4 more");
    }

    @Test
    void runReportAndExitCodes() {
        RunCommand.print(new RunReport("r1", "split-user-data", RunState.COMPLETED, 10_523, 10_523, 5,
                Map.of("dataset_metadata", 10_518L), Duration.ofSeconds(112), false, "", "ferry_quarantine"), out);
        RunCommand.print(new RunReport("r2", "split-user-data", RunState.CANCELLED, 3_000, 10_523, 0,
                Map.of(), Duration.ofSeconds(30), false, "interrupted by the operator (Ctrl-C)"), out);
        assertThat(text.toString()).contains("⚠ Migration complete with records in quarantine: 10,518 of 10,523 source"
                + " records migrated in 1 min 52 s, 5 quarantined")
                .contains("5 records are in ferry_quarantine")
                .contains("✗ Run cancelled at 3,000/10,523 after 30 s: interrupted by the operator (Ctrl-C)")
                .contains("resume from the last checkpoint");
        assertThat(RunCommand.exitCode(report(RunState.COMPLETED, 10_523, 0), PlanKind.SPLIT)).isZero();
        assertThat(RunCommand.exitCode(report(RunState.COMPLETED, 10_523, 5), PlanKind.SPLIT)).as("some quarantined").isEqualTo(1);
        assertThat(RunCommand.exitCode(report(RunState.PAUSED, 3_000, 0), PlanKind.SPLIT)).isEqualTo(1);
        assertThat(RunCommand.exitCode(report(RunState.FAILED, 3_000, 0), PlanKind.SPLIT)).isEqualTo(3);
    }

    @Test
    void aRunOrDryRunThatMigratesNothingIsAFailureNeverATick() {
        RunReport none = report(RunState.COMPLETED, 1_000, 1_000);
        RunCommand.print(none, out);
        DryRunReport dry = new DryRunReport("p", "h", 1_000, List.of(), 1_000, List.of(), Duration.ofSeconds(1),
                Duration.ofSeconds(2), 0);
        DryRunCommand.print(dry, out, false);
        assertThat(text.toString()).contains("✗ Nothing migrated: all 1,000 source records were quarantined")
                .contains("✗ Would migrate nothing: all 1,000 source records would be quarantined")
                .doesNotContain("✓ Would migrate").doesNotContain("✓ Migration complete");
        assertThat(RunCommand.exitCode(none, PlanKind.SPLIT)).isEqualTo(1);
        assertThat(DryRunCommand.exitCode(dry, PlanKind.SPLIT)).isEqualTo(1);
    }

    private static RunReport report(RunState state, long processed, long quarantined) {
        return new RunReport("r", "p", state, processed, 10_523, quarantined, Map.of(), Duration.ofSeconds(1), false,
                "");
    }

    @Test
    void validationShowsEvidenceOfFailures() {
        CheckResult ok = new CheckResult("counts", "count", CheckResult.CheckStatus.PASSED, 10_523, 10_523, 0,
                "10,523 source − 5 quarantined = 10,518 in dataset_metadata", List.of("q1"), List.of(),
                Duration.ofMillis(200));
        CheckResult bad = new CheckResult("fields", "sample", CheckResult.CheckStatus.FAILED, 1_000, 10_518, 2,
                "2 of 1,000 differ", List.of("num_rows: 10 vs 11"), List.of("a", "b"), Duration.ofSeconds(1));
        ValidationReport r = new ValidationReport("split-user-data", List.of(ok, bad), List.of("indexes", "options"));
        ValidateCommand.print(r, out, false);
        assertThat(text.toString()).contains("✓ PASSED  counts (count, 10,523/10,523 checked, 0.2 s)")
                .contains("Not covered by these checks:\n  - indexes\n  - options\n".replace("\n", System.lineSeparator())).contains("✗ FAILED  fields")
                .contains("num_rows: 10 vs 11").contains("failing keys: a, b").contains("1 of 2 checks did not pass")
                .doesNotContain("q1");
    }

    @Test
    void rollbackPreviewNamesTheDatabaseAndLeavesOutZeros() {
        RollbackPreview p = new RollbackPreview("r1", "split-user-data", "narrative_modeling", RunState.COMPLETED,
                Map.of("dataset_metadata", 10_518L, "transformation_configs", 10_518L),
                Map.of("dataset_metadata", 3L, "transformation_configs", 0L));
        assertThat(RollbackCommand.describe(p).lines()).containsExactly(
                "Roll back split-user-data on narrative_modeling (run r1, completed), from the run's undo log"
                        + " in the journal (the keys it inserted, and the pre-images of what it replaced):",
                "  delete 10,518 documents the run inserted into dataset_metadata",
                "  restore 3 documents of dataset_metadata the run replaced",
                "  delete 10,518 documents the run inserted into transformation_configs");
    }

    @Test
    void rollbackReportSaysEachThingOnce() {
        RollbackCommand.print(new RollbackReport("r1", "split-user-data", RunState.ROLLED_BACK,
                Map.of("dataset_metadata", 10_518L, "transformation_configs", 10_518L),
                Map.of("dataset_metadata", 0L, "transformation_configs", 0L), true,
                List.of("dataset_metadata: before the run 0 docs — match"), Duration.ofMillis(3_400)), out);
        assertThat(text.toString().lines()).containsExactly(
                "✓ Rolled back run r1 of split-user-data in 3.4 s",
                "  deleted 10,518 documents from dataset_metadata",
                "  deleted 10,518 documents from transformation_configs",
                "Checksums:",
                "  dataset_metadata: before the run 0 docs — match",
                "✓ Targets match their pre-run checksums.");
    }

    @Test
    void progressBarFollowsBatches() {
        ProgressBarDisplay bar = new ProgressBarDisplay(out, EngineJob.RUN, PlanKind.SPLIT);
        Instant now = Instant.now();
        bar.on(new RunEvent.Started(now, "r1", "split-user-data", 2_000, 0, false));
        bar.on(new RunEvent.BatchDone(now, "r1", 1, 1_000, 2_000, 1, Map.of(), 1_000, 2_000, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1)));
        bar.on(new RunEvent.StateChanged(now, "r1", RunState.COMPLETED, ""));
        bar.close();
        assertThat(text.toString()).contains("Started run r1").contains("Migrating").contains("· quarantined 1")
                .contains("1000/2000").as("no stale copy of the bar after the state line")
                .endsWith("Run r1 is completed" + System.lineSeparator());
    }
}
