package dev.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.ferry.service.BackgroundTask;
import dev.ferry.service.ConnectionStatus;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.FxTaskExecutor;
import dev.ferry.service.TaskExecutor;
import dev.ferry.testing.FxWait;
import dev.ferry.testing.Screenshots;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.Animation;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Figures, not a test: during a 100,000-document demo run through the real console (clicks on the Run screen), the
 * longest stall of the FX thread — the longest gap between two pulses (AnimationTimer) and the longest gap between two
 * ticks of a 10 ms Timeline probe — and the rate of chart updates. Targets: ≤ 50 ms, ≥ 2 updates a second.
 * {@code mvn -o test -Dgroups=bench -Dtest=ConsoleResponsivenessBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * the figures are in target/bench/console-responsiveness.txt (and the test's output file).
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class ConsoleResponsivenessBenchmark {

    static {
        System.setProperty("ferry.demo.docs", System.getProperty("bench.docs", "100000")); // before ConnectionService loads
        // as the console runs it: the demo database in a process of its own (the tests keep it in-process)
        System.setProperty("ferry.demo.process", System.getProperty("bench.demo.process", "child"));
        System.setProperty("ferry.demo.heap", "6g");
        // as the console runs it: the run in a worker process of its own (bench.worker=in-process: in the console's JVM)
        System.setProperty("ferry.worker", System.getProperty("bench.worker", "process"));
        System.setProperty("ferry.log.dir", java.nio.file.Path.of("target", "bench-logs").toAbsolutePath().toString());
    }

    private Console console;

    /** The longest time the console's own UI work (the ticks that paint a snapshot) held the FX thread. */
    private static final AtomicLong longestTick = new AtomicLong();
    private static final AtomicLong ticks = new AtomicLong();

    @Start
    void start(Stage stage) {
        FxTaskExecutor fx = new FxTaskExecutor();
        TaskExecutor timed = new TaskExecutor() {
            @Override
            public <T> void execute(BackgroundTask<T> task) {
                fx.execute(task);
            }

            @Override
            public Ticker every(java.time.Duration period, Runnable tick) {
                return fx.every(period, () -> {
                    long t0 = System.nanoTime();
                    tick.run();
                    longestTick.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    ticks.incrementAndGet();
                });
            }

            @Override
            public void close() {
                fx.close();
            }
        };
        console = new Console(timed);
        stage.setScene(console.scene());
        stage.show();
        console.openDemo();
    }

    @AfterEach
    void close() {
        // a run that did not end (a failed measurement) is not left working without its database, which closes next
        console.runs().worker().filter(dev.ferry.worker.WorkerProcess::alive)
                .flatMap(w -> ProcessHandle.of(w.pid())).ifPresent(ProcessHandle::destroyForcibly);
        console.close();
    }

    /** The longest gap between consecutive callbacks, in nanoseconds, from when it is armed. */
    static final class GapProbe {
        final AtomicLong last = new AtomicLong();
        final AtomicLong longest = new AtomicLong();
        final AtomicLong count = new AtomicLong();
        volatile boolean armed;

        void beat(long now) {
            long before = last.getAndSet(now);
            if (armed && before != 0) {
                longest.accumulateAndGet(now - before, Math::max);
                count.incrementAndGet();
            }
        }

        void arm() {
            last.set(0);
            longest.set(0);
            count.set(0);
            armed = true;
        }
    }

    @Test
    void longestFxStallAndChartUpdateRateDuringA100kRun(FxRobot robot) throws Exception {
        FxWait.until(600, () -> console.session().connectionProperty().get() == ConnectionStatus.CONNECTED
                        && console.session().plan() != null);
        robot.clickOn("#nav-run");
        robot.clickOn("#run-dry-run-first");
        FxWait.until(900, () -> console.session().state() == ConsoleState.READY);

        GapProbe pulses = new GapProbe();
        GapProbe timer = new GapProbe();
        AtomicLong chartUpdates = new AtomicLong();
        AnimationTimer pulseProbe = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.beat(System.nanoTime());
            }
        };
        Timeline timerProbe = new Timeline(new KeyFrame(Duration.millis(10), e -> timer.beat(System.nanoTime())));
        timerProbe.setCycleCount(Animation.INDEFINITE);
        LineChart<?, ?> chart = robot.lookup("#run-chart-throughput").query();
        XYChart.Series<?, ?> read = chart.getData().get(0);
        WaitForAsyncUtils.asyncFx(() -> {
            pulseProbe.start();
            timerProbe.play();
            read.getData().addListener((ListChangeListener<Object>) c -> {
                while (c.next()) {
                    if (c.wasAdded()) {
                        chartUpdates.incrementAndGet();
                    }
                }
            });
        }).get();
        Thread.sleep(500);
        pulses.arm();
        timer.arm();
        longestTick.set(0);
        ticks.set(0);
        long gcCount0 = gcCount();
        long gcMillis0 = gcMillis();
        AtomicLong longestGc = new AtomicLong();
        List<javax.management.NotificationEmitter> emitters = new ArrayList<>();
        javax.management.NotificationListener gcListener = (n, h) -> {
            if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                if (!info.getGcAction().contains("concurrent") && !info.getGcName().contains("Cycles")) {
                    longestGc.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
                }
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof javax.management.NotificationEmitter e) {
                e.addNotificationListener(gcListener, null, null);
                emitters.add(e);
            }
        }
        long t0 = System.nanoTime();
        String load0 = loadAverage();
        robot.clickOn("#run-start");
        boolean shot = false;
        while (console.session().state() == ConsoleState.RUNNING || console.session().state() == ConsoleState.READY) {
            if (!shot && console.runs().snapshotProperty().get().processed() >= 30_000) {
                Screenshots.write(robot, "run-mid-100k");
                shot = true;
            }
            Thread.sleep(100);
            assertThat(System.nanoTime() - t0).as("the run ends within 30 minutes").isLessThan(TimeUnit.MINUTES.toNanos(30));
        }
        int resumes = resumeAfterGuardrails(robot, t0 + TimeUnit.MINUTES.toNanos(30));
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (javax.management.NotificationEmitter e : emitters) {
            e.removeNotificationListener(gcListener);
        }
        pulses.armed = false;
        timer.armed = false;
        WaitForAsyncUtils.asyncFx(() -> {
            pulseProbe.stop();
            timerProbe.stop();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.write(robot, "run-completed-100k");

        String figures = String.format(Locale.ROOT, "console responsiveness, %s-document demo run, the run %s (state %s, resumed %d times after a guardrail pause)%n"
                        + "run wall time            %.1f s%n"
                        + "longest pulse gap        %.1f ms  (%d pulses)%n"
                        + "longest 10 ms-timer gap  %.1f ms  (%d ticks)%n"
                        + "chart updates            %d  = %.2f per second%n"
                        + "console's own tick work  longest %.1f ms over %d ticks (painting one snapshot)%n"
                        + "GC during the run        %d collections, %d ms in all, longest pause %d ms (%s, heap %d MB)%n"
                        + "load average (1 min)     %s at start, %s at end (2 cores, shared)%n",
                System.getProperty("ferry.demo.docs"), console.runs().mode() == dev.ferry.service.RunService.Mode.WORKERS
                        ? "in a worker process" : "in the console's JVM", console.session().state(), resumes, seconds,
                pulses.longest.get() / 1e6, pulses.count.get(), timer.longest.get() / 1e6, timer.count.get(),
                chartUpdates.get(), chartUpdates.get() / seconds, longestTick.get() / 1e6, ticks.get(),
                gcCount() - gcCount0, gcMillis() - gcMillis0, longestGc.get(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .collect(java.util.stream.Collectors.joining("+")),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), load0, loadAverage());
        Path out = Path.of("target", "bench", "console-responsiveness.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, figures);
        System.out.print(figures);
        assertThat(console.session().state()).isEqualTo(ConsoleState.COMPLETED);
        assertThat(chartUpdates.get()).isPositive();
    }

    /**
     * Ctrl+P after each guardrail pause (on a loaded machine the throughput floor pauses the run), as an operator
     * would; each resume is a new worker. Waits as long as the run's 30 minutes allow, not a fixed time per stretch.
     */
    private int resumeAfterGuardrails(FxRobot robot, long deadline) throws Exception {
        int resumes = 0;
        while (console.session().state() == ConsoleState.PAUSED) {
            assertThat(resumes).as("paused by its guardrails at most 30 times").isLessThan(30);
            robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.P)
                    .release(javafx.scene.input.KeyCode.P, javafx.scene.input.KeyCode.CONTROL);
            FxWait.until(120, () -> console.session().state() != ConsoleState.PAUSED);
            resumes++;
            long left = TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime());
            assertThat(left).as("the run ends within 30 minutes").isPositive();
            FxWait.until(left, () -> !console.runs().activeProperty().get()
                    && console.session().state() != ConsoleState.RUNNING);
        }
        return resumes;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
