package dev.ferry.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMonitorTest {

    private Instant now = Instant.parse("2026-01-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private static RunEvent.BatchDone batch(long n, long processed, double read, long latencyMs, long quarantined) {
        return new RunEvent.BatchDone(Instant.EPOCH, "r1", n, processed, 10_523, quarantined,
                Map.of("dataset_metadata", processed - quarantined), read, read * 2, Duration.ofMillis(latencyMs),
                Duration.ofSeconds(n), Duration.ofMinutes(75));
    }

    @Test
    void beforeTheFirstBatchThereIsNoDataRatherThanZero() {
        RunMonitor monitor = new RunMonitor(clock);
        monitor.on(new RunEvent.Started(Instant.EPOCH, "r1", "split-user-data", 10_523, 0, false));
        RunSnapshot s = monitor.drain();
        assertThat(s.hasData()).isFalse();
        assertThat(s.total()).isEqualTo(10_523);
        assertThat(s.sample()).isNull();
        assertThat(s.notes()).containsExactly("Started run r1 of split-user-data");
    }

    @Test
    void saturationIsTheMeanShareOfBatchTimeSpentWritingAndUnmeasuredIsNotZero() {
        RunMonitor monitor = new RunMonitor(clock);
        monitor.on(withBusy(batch(1, 1_000, 100, 900, 0), 0.9));
        monitor.on(withBusy(batch(2, 2_000, 100, 900, 0), 0.5));
        monitor.on(batch(3, 3_000, 100, 900, 0)); // not measured: left out of the mean, not counted as 0
        assertThat(monitor.drain().sample().targetBusyPercent()).isCloseTo(70, org.assertj.core.data.Offset.offset(1e-9));
        now = now.plusMillis(250);
        assertThat(monitor.drain().sample().targetBusyPercent()).as("held between batches").isCloseTo(70,
                org.assertj.core.data.Offset.offset(1e-9));
        monitor.on(batch(4, 4_000, 100, 900, 0));
        assertThat(monitor.drain().sample().targetBusyPercent()).as("a tick of unmeasured batches").isNaN();
    }

    private static RunEvent.BatchDone withBusy(RunEvent.BatchDone b, double busy) {
        return new RunEvent.BatchDone(b.at(), b.runId(), b.batch(), b.processed(), b.total(), b.quarantined(),
                b.written(), b.readPerSecond(), b.writtenPerSecond(), b.latency(), b.elapsed(), b.eta(), busy);
    }

    @Test
    void batchesBetweenTwoTicksBecomeOneChartPointAndATickWithoutABatchHoldsTheLastValues() {
        RunMonitor monitor = new RunMonitor(clock);
        monitor.on(batch(1, 1_000, 100, 900, 0));
        monitor.on(batch(2, 2_000, 300, 1_200, 1));
        monitor.on(batch(3, 3_000, 200, 600, 1));
        RunSnapshot s = monitor.drain();
        assertThat(s.sample()).isEqualTo(new RunSnapshot.Sample(3.0, 200, 400, 1_200, 1));
        assertThat(s.processed()).isEqualTo(3_000);
        assertThat(s.docsPerSecond()).isEqualTo(1_000);
        assertThat(s.latencyP50()).isEqualTo(Duration.ofMillis(900));
        assertThat(s.latencyP95()).isEqualTo(Duration.ofMillis(1_200));
        now = now.plusMillis(250);
        assertThat(monitor.drain().sample()).as("no batch since the last tick: the values held, time moves on")
                .isEqualTo(new RunSnapshot.Sample(3.25, 200, 400, 1_200, 1));
        monitor.on(new RunEvent.StateChanged(Instant.EPOCH, "r1", RunState.COMPLETED, ""));
        assertThat(monitor.drain().sample()).as("one last point when the run stops").isNotNull();
        assertThat(monitor.drain().sample()).as("then the charts stand still").isNull();
    }

    @Test
    void notesPerTickAreBoundedAndTheRestCounted() {
        RunMonitor monitor = new RunMonitor(clock);
        for (int i = 0; i < 50; i++) {
            monitor.on(new RunEvent.Quarantined(Instant.EPOCH, "r1", "k" + i, "bad history item"));
        }
        RunSnapshot s = monitor.drain();
        assertThat(s.notes()).hasSize(RunMonitor.NOTES_PER_TICK + 1);
        assertThat(s.notes().get(RunMonitor.NOTES_PER_TICK)).startsWith("… and 30 more");
    }

    @Test
    void tracksTheTimeSinceTheLastBatchAndHowTheRunEnded() {
        RunMonitor monitor = new RunMonitor(clock);
        monitor.on(batch(1, 1_000, 100, 900, 0));
        now = now.plusSeconds(40);
        monitor.on(new RunEvent.GuardrailBreached(Instant.EPOCH, "r1", "min_throughput", 12, 50, "pause"));
        monitor.on(new RunEvent.StateChanged(Instant.EPOCH, "r1", RunState.PAUSED, "guardrail"));
        RunSnapshot s = monitor.drain();
        assertThat(s.sinceLastBatch()).isEqualTo(Duration.ofSeconds(40));
        assertThat(s.ended()).isEqualTo(RunState.PAUSED);
        assertThat(s.breach().guardrail()).isEqualTo("min_throughput");
    }

    @Test
    void aWaitForTheDatabaseIsShownUntilTheNextAttemptGetsThrough() {
        RunMonitor monitor = new RunMonitor(clock);
        monitor.on(new RunEvent.Started(Instant.EPOCH, "r1", "split-user-data", 10_523, 0, false));
        monitor.on(batch(1, 1_000, 100, 900, 0));
        monitor.on(new RunEvent.StateChanged(Instant.EPOCH, "r1", RunState.INTERRUPTED, "connection reset"));
        monitor.on(new RunEvent.WaitingForDatabase(Instant.EPOCH, "r1", 1, Duration.ofMillis(500), "connection reset"));
        RunSnapshot waiting = monitor.drain();
        assertThat(waiting.waiting()).isNotNull();
        assertThat(waiting.waiting().attempt()).isEqualTo(1);
        assertThat(waiting.notes()).contains("Waiting for the database (attempt 1, retry in 0.5 s): connection reset");

        monitor.on(new RunEvent.Started(Instant.EPOCH, "r1", "split-user-data", 10_523, 1_000, true));
        RunSnapshot back = monitor.drain();
        assertThat(back.waiting()).isNull();
        assertThat(back.ended()).as("a new attempt goes on: the interrupted attempt did not end the run").isNull();
    }
}
