package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunState;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.PlanKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {

    @Test
    void oneLinePerBatchAsTheRunbookPrintsIt() {
        StringWriter out = new StringWriter();
        ProgressLines lines = new ProgressLines(new PrintWriter(out), EngineJob.RUN, PlanKind.SPLIT, 1_000);
        Instant now = Instant.now();
        lines.on(new RunEvent.Started(now, "r1", "split-user-data", 10_523, 2_000, true, 3));
        lines.on(new RunEvent.BatchDone(now, "r1", 3, 3_000, 10_523, 3, Map.of("dataset_metadata", 1_000L),
                1_100, 2_200, Duration.ofMillis(900), Duration.ofSeconds(3), Duration.ofSeconds(8)));
        lines.on(new RunEvent.BatchDone(now, "r1", 4, 4_000, 10_523, 5, Map.of("dataset_metadata", 1_998L),
                1_100, 2_200, Duration.ofMillis(900), Duration.ofSeconds(4), Duration.ofSeconds(7)));
        lines.on(new RunEvent.GuardrailBreached(now, "r1", "max_error_rate", 0.02, 0.001, "pause"));
        lines.on(new RunEvent.StateChanged(now, "r1", RunState.PAUSED, "guardrail max_error_rate"));
        assertThat(out.toString().lines()).containsExactly(
                "Resuming run r1 of split-user-data: 10,523 documents (2,000 already done)",
                "Batch 3/11: migrated 1,000 docs (took 0.9s) · 1,100 docs/s · quarantined 3 · ETA 8 s",
                "Batch 4/11: migrated 998 docs of 1,000 read (took 0.9s) · 1,100 docs/s · quarantined 5 · ETA 7 s",
                "Guardrail max_error_rate breached: 0.02000, limit 0.001000. Ferry will pause.",
                "Run r1 is paused: guardrail max_error_rate");
    }

    @Test
    void aDryRunChecksAndARollbackCountsDocuments() {
        StringWriter out = new StringWriter();
        Instant now = Instant.now();
        ProgressLines dry = new ProgressLines(new PrintWriter(out), EngineJob.DRY_RUN, PlanKind.SPLIT,
                1_000);
        dry.on(new RunEvent.Started(now, "dry-run", "split-user-data", 2_000, 0, false));
        dry.on(new RunEvent.BatchDone(now, "dry-run", 1, 1_000, 2_000, 0, Map.of(), 2_000, 0, Duration.ofMillis(500),
                Duration.ofMillis(500), Duration.ofMillis(480)));
        dry.on(new RunEvent.BatchDone(now, "dry-run", 2, 2_000, 2_000, 0, Map.of(), 2_000, 0, Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ZERO));
        ProgressLines rollback = new ProgressLines(new PrintWriter(out), EngineJob.ROLLBACK, PlanKind.SPLIT,
                1_000);
        rollback.on(new RunEvent.StateChanged(now, "r1", RunState.ROLLING_BACK, "rolling back"));
        rollback.on(new RunEvent.Started(now, "r1", "split-user-data", 4_000, 0, false));
        rollback.on(new RunEvent.UndoProgress(now, "r1", 1_000, 4_000));
        rollback.on(new RunEvent.StateChanged(now, "r1", RunState.ROLLED_BACK, "rolled back; targets match"));
        assertThat(out.toString().lines()).containsExactly(
                "Dry run of split-user-data: mapping 2,000 source records, writing nothing",
                "Batch 1/2: checked 1,000 docs (took 0.5s) · 2,000 docs/s · errors 0 · ETA 0.5 s",
                "Batch 2/2: checked 1,000 docs (took 0.5s) · 2,000 docs/s · errors 0",
                "Rolling back run r1 of split-user-data: 4,000 documents to delete or restore",
                "Rollback: 1,000/4,000 documents deleted or restored",
                "Run r1 is rolled back: targets match");
    }

    @Test
    void aPostgresOperationCountsRows() {
        StringWriter out = new StringWriter();
        ProgressLines lines = new ProgressLines(new PrintWriter(out), EngineJob.RUN, PlanKind.UUID_KEY_CONVERSION,
                500);
        Instant now = Instant.now();
        lines.on(new RunEvent.Started(now, "pg-1", "users-uuid", 2_000, 0, false));
        lines.on(new RunEvent.BatchDone(now, "pg-1", 1, 500, 2_000, 0, Map.of("users", 500L), 5_000, 5_000,
                Duration.ofMillis(100), Duration.ofMillis(100), null));
        assertThat(out.toString().lines()).containsExactly(
                "Started run pg-1 of users-uuid: 2,000 rows",
                "Batch 1/4: migrated 500 rows (took 0.1s) · 5,000 rows/s · quarantined 0");
    }

    /** A conversion cuts each table into its own batches: the count is the engine's, not rows / batch size. */
    @Test
    void aConversionCountsTheBatchesItCut() {
        StringWriter out = new StringWriter();
        ProgressLines lines = new ProgressLines(new PrintWriter(out), EngineJob.RUN, PlanKind.UUID_KEY_CONVERSION,
                1_000);
        Instant now = Instant.now();
        lines.on(new RunEvent.BatchDone(now, "pg-1", 15, 11_800, 11_800, 0, Map.of("users", 500L), 5_000, 5_000,
                Duration.ofMillis(100), Duration.ofMillis(100), null, Double.NaN, 15));
        assertThat(out.toString()).startsWith("Batch 15/15: migrated 11,800 rows");
    }

    @Test
    void formatsForPeople() {
        assertThat(HumanFormat.count(10_523)).isEqualTo("10,523");
        assertThat(HumanFormat.duration(Duration.ofSeconds(112))).isEqualTo("1 min 52 s");
        assertThat(HumanFormat.duration(Duration.ofSeconds(8))).isEqualTo("8 s");
        assertThat(HumanFormat.duration(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
        assertThat(HumanFormat.duration(Duration.ofMillis(850))).isEqualTo("0.9 s");
        assertThat(HumanFormat.duration(Duration.ofMillis(1_400))).isEqualTo("1.4 s");
        assertThat(HumanFormat.duration(Duration.ofMillis(9_960))).isEqualTo("10 s");
        assertThat(HumanFormat.duration(Duration.ofMillis(30))).isEqualTo("< 0.1 s");
        assertThat(HumanFormat.duration(Duration.ZERO)).isEqualTo("0 s");
        assertThat(HumanFormat.duration(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(HumanFormat.bytes(2.1 * 1024 * 1024)).isEqualTo("2.1 MB");
        assertThat(HumanFormat.percent(15.24)).isEqualTo("15.2%");
        assertThat(HumanFormat.percent(100)).isEqualTo("100%");
        assertThat(HumanFormat.percent(50)).isEqualTo("50%");
        assertThat(HumanFormat.percent(99.97)).as("never 100% when a document lacks it").isEqualTo("> 99.9%");
        assertThat(HumanFormat.percent(0.01)).isEqualTo("< 0.1%");
    }
}
