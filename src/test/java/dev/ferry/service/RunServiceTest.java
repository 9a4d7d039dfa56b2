package dev.ferry.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunState;
import dev.ferry.testing.DemoSession;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pause, resume, cancel and closing the console, with the run on its own thread as in the app. */
class RunServiceTest {

    /** Runs each task on a new thread, its callbacks there too (there is no UI thread in this test). */
    static final class ThreadedTaskExecutor implements TaskExecutor {
        @Override
        public <T> void execute(BackgroundTask<T> task) {
            Thread t = new Thread(() -> {
                T result;
                try {
                    result = task.call();
                } catch (Exception | Error e) {
                    task.failed(e);
                    return;
                }
                task.succeeded(result);
            }, "test-worker");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public Ticker every(Duration period, Runnable tick) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    }

    // small batches, so that a pause or cancel lands well before the end
    private final DemoSession demo = new DemoSession(3_000, new ThreadedTaskExecutor(), p -> p.withBatchSize(50));

    @AfterEach
    void close() {
        demo.close();
    }

    private void await(ConsoleState state) throws InterruptedException {
        assertThat(demo.runs.awaitIdle(Duration.ofSeconds(60))).isTrue();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (demo.runs.activeProperty().get() && System.nanoTime() < until) {
            Thread.sleep(10); // the callbacks run just after the engine returns
        }
        assertThat(demo.session.state()).isEqualTo(state);
    }

    private void dryRun() {
        new DryRunService(new ImmediateTaskExecutor(), demo.session).start(e -> { }, r -> { }, reason -> {
            throw new AssertionError(reason);
        });
    }

    @Test
    void pausesBetweenBatchesAndResumesFromTheCheckpoint() throws Exception {
        dryRun();
        assertThat(demo.runs.start()).isTrue();
        demo.runs.pause();
        await(ConsoleState.PAUSED);
        assertThat(demo.runs.reportProperty().get().state()).isEqualTo(RunState.PAUSED);
        assertThat(demo.runs.noticeProperty().get()).startsWith("Paused at ").endsWith("continues from the last checkpoint.");
        assertThat(demo.runs.start()).as("Run is refused while paused").isFalse();
        assertThat(demo.runs.problemProperty().get()).isEqualTo("The run is paused: resume it instead");

        assertThat(demo.runs.resume()).isTrue();
        await(ConsoleState.COMPLETED);
        assertThat(demo.runs.reportProperty().get().resumed()).isTrue();
        assertThat(demo.runs.reportProperty().get().processed()).isEqualTo(3_000);
    }

    @Test
    void cancelSaysWhatItLeavesBehind() throws Exception {
        dryRun();
        demo.runs.start();
        demo.runs.cancel();
        await(ConsoleState.INTERRUPTED);
        assertThat(demo.runs.reportProperty().get().state()).isEqualTo(RunState.CANCELLED);
        assertThat(demo.runs.noticeProperty().get()).startsWith("Cancelled at ")
                .contains("stays in the targets with its checkpoint and undo log");
    }

    @Test
    void closingTheConsoleDuringARunStopsItBetweenBatchesAndKeepsItsCheckpoint() throws Exception {
        dryRun();
        demo.runs.start();
        demo.runs.close();
        assertThat(demo.runs.awaitIdle(Duration.ZERO)).as("close waits for the current batch").isTrue();
        var latest = demo.session.engine().history("split-user-data").get(0);
        assertThat(latest.state()).isEqualTo(RunState.CANCELLED);
        assertThat(latest.state().resumable()).isTrue();
        assertThat(latest.message()).isEqualTo("the console was closed");
    }

    @Test
    void aFailingRunShowsItsReasonAndTheConsoleKeepsWorking() throws Exception {
        dryRun();
        demo.session.engine().close(); // the database goes away under the run
        assertThat(demo.runs.start()).isTrue();
        assertThat(demo.runs.awaitIdle(Duration.ofSeconds(60))).isTrue();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (demo.runs.activeProperty().get() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(demo.runs.problemProperty().get()).isNotBlank().doesNotContain("Exception\n\tat ");
        assertThat(demo.session.state()).isIn(ConsoleState.READY, ConsoleState.INTERRUPTED);
        assertThat(demo.session.log()).anyMatch(e -> e.level() == LogEntry.Level.ERROR && e.source().equals("run"));
    }
}
