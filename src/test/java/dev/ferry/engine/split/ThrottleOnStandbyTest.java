package dev.ferry.engine.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.testing.StreamingStandby;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The throttle against a real streaming standby: its replay held, the run slows down to its slowest pace and says
 * why (an event, journalled, so a watch through the journal — every console, status --follow — sees it too, and the
 * run's message); replay resumed, the standby catches up, the throttle lets go and batches follow at full pace again.
 * The run is then cancelled rather than waited for: its end says nothing more about the throttle.
 */
class ThrottleOnStandbyTest {

    static StreamingStandby pg;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(StreamingStandby.available(), "needs the Debian PostgreSQL 15 server binaries and runuser");
        pg = StreamingStandby.start();
        try (Connection c = pg.primary(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA shop");
            s.execute("CREATE TABLE shop.orders (id bigint PRIMARY KEY, customer text NOT NULL, total numeric(10,2),"
                    + " placed text)");
            s.execute("INSERT INTO shop.orders SELECT g, 'customer ' || (g % 977), (g % 5000) / 100.0,"
                    + " '2024-03-' || lpad(((g % 28) + 1)::text, 2, '0') FROM generate_series(1, 100000) g");
            s.execute("CREATE TABLE shop.order_totals (id bigint PRIMARY KEY, customer text, total numeric(10,2))");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aHeldStandbySlowsTheRunToItsSlowestPaceAndItsReplayLetsItGo() throws Exception {
        Path file = Files.createTempFile("throttled", ".yaml");
        Files.writeString(file, """
                name: orders-throttled
                source: { table: shop.orders, key: id }
                batch: { size: 250 }
                targets:
                  - table: shop.order_totals
                    id: { from: id }
                    fields: { customer: { from: customer }, total: { from: total } }
                guardrails:
                  throttle: { max_replica_lag: 1s, max_delay: 1600ms, check_every: 200ms }
                """);
        Plan plan = PlanLoader.load(file);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        List<RunEvent> watched = new CopyOnWriteArrayList<>();
        pg.pauseReplay();
        CompletableFuture<RunReport> run;
        RunControl control = new RunControl();
        try (SplitEngine ferry = SplitEngine.connect(pg.primaryUrl("postgres"));
             dev.ferry.engine.RunWatch watch = ferry.watch(plan, null, watched::add)) {
            run = CompletableFuture.supplyAsync(() -> ferry.run(plan, control, events::add));
            RunEvent.Throttled slowest = (RunEvent.Throttled) await(events, e -> e instanceof RunEvent.Throttled t
                    && t.reason().contains("slowest pace"), 90);
            assertThat(slowest.reason()).matches("throttled: replica lag \\d+(\\.\\d)? s > 1 s \\(slowest pace.*");
            assertThat(slowest.delay()).isEqualTo(Duration.ofMillis(1600));
            String runId = ((RunEvent.Started) events.get(0)).runId();
            try (Connection c = pg.primary(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT message FROM ferry.runs WHERE run_id = '" + runId + "'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).as("journalled, so every console shows it").startsWith("throttled:");
            }
            await(watched, e -> e instanceof RunEvent.Throttled t && t.reason().equals(slowest.reason()), 10);
            int at = events.indexOf(slowest);
            await(events, e -> events.indexOf(e) > at && e instanceof RunEvent.BatchDone, 30);
            await(events, e -> events.indexOf(e) > at && e instanceof RunEvent.BatchDone
                    && batchesAfter(events, at) >= 2, 30);
            List<Instant> paced = events.subList(at, events.size()).stream()
                    .filter(e -> e instanceof RunEvent.BatchDone).map(RunEvent::at).toList();
            assertThat(Duration.between(paced.get(0), paced.get(1))).as("a batch every 1.6 s at the slowest pace")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1500));

            pg.resumeReplay();
            RunEvent released = await(events, e -> e instanceof RunEvent.Throttled t && t.reason().isEmpty(), 60);
            int free = events.indexOf(released);
            await(events, e -> events.indexOf(e) > free && batchesAfter(events, free) >= 6, 30);
            List<Instant> fullPace = events.subList(free, events.size()).stream()
                    .filter(e -> e instanceof RunEvent.BatchDone).map(RunEvent::at).toList();
            assertThat(Duration.between(fullPace.get(0), fullPace.get(5))).as("five batches at full pace again")
                    .isLessThan(Duration.ofMillis(1600));
            await(watched, e -> e instanceof RunEvent.Throttled t && t.reason().isEmpty(), 10);
            control.cancel("the throttle's part is over");
            RunReport report = run.get(1, TimeUnit.MINUTES);
            assertThat(report.state()).isEqualTo(RunState.CANCELLED);
            assertThat(report.processed()).isLessThan(100_000);
        } finally {
            pg.resumeReplay();
        }
    }

    private static long batchesAfter(List<RunEvent> events, int at) {
        return events.subList(at, events.size()).stream().filter(e -> e instanceof RunEvent.BatchDone).count();
    }

    private static RunEvent await(List<RunEvent> events, Predicate<RunEvent> wanted, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (RunEvent e : events) {
                if (wanted.test(e)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not seen within " + seconds + " s; events: " + events.stream()
                .filter(e -> !(e instanceof RunEvent.BatchDone)).toList());
    }
}
