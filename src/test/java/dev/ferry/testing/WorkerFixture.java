package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.demo.DemoDatabase;
import dev.ferry.engine.connect.Engines;
import dev.ferry.plan.MigrationPlans;
import dev.ferry.service.DryRunService;
import dev.ferry.service.ImmediateTaskExecutor;
import dev.ferry.service.RunService;
import dev.ferry.service.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * For tests of runs in worker processes: the demo database (runbook 000's user_data, served on a local port that
 * child processes reach), runbook 000's plan written to a file without guardrails (a loaded machine falls behind the
 * dry run's estimate), consoles as view-model sets (a session, its executor and run service in worker mode) and the
 * real CLI in child JVMs, all on the same database. Worker logs go to target/worker-logs.
 */
public final class WorkerFixture implements AutoCloseable {

    static {
        System.setProperty("ferry.log.dir", Path.of("target", "worker-logs").toAbsolutePath().toString());
    }

    public final DemoDatabase demo;
    public final String uri;
    public final Path plan;
    private final List<Console> consoles = new ArrayList<>();

    public WorkerFixture(int docs, int batchSize) {
        demo = DemoDatabase.startSeeded(0, docs);
        uri = demo.connectionString();
        try {
            Path dir = Files.createTempDirectory("ferry-worker-plan");
            String text = Files.readString(Path.of("plans", "user-data-split.yaml"))
                    .replaceFirst("(?m)^guardrails: .*$", "guardrails: {}")
                    .replaceFirst("(?m)^batch: .*$", "batch: { size: " + batchSize + " }");
            plan = dir.resolve("user-data-split.yaml");
            Files.writeString(plan, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A console without a window: connected to the demo, the plan open, runs in workers, following the plan. */
    public Console console() {
        Console c = new Console(this);
        consoles.add(c);
        return c;
    }

    /** The CLI in a child JVM on the demo database; JVM options first. */
    public ChildFerry.Result cli(List<String> jvm, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--uri", uri));
        List<String> options = new ArrayList<>(jvm);
        options.add("-Dferry.log.dir=" + System.getProperty("ferry.log.dir"));
        return ChildFerry.run(options, all.toArray(String[]::new));
    }

    /** Documents in a collection of the demo's database. */
    public long count(String collection) {
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(uri)) {
            return client.getDatabase(DemoDatabase.DATABASE).getCollection(collection).countDocuments();
        }
    }

    /** Waits for {@code condition}, ticking every console meanwhile, as their FX timers would. */
    public void until(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            consoles.forEach(c -> c.executor.tick());
            if (condition.getAsBoolean()) {
                return;
            }
            assertThat(System.nanoTime()).as("waited " + limit.toSeconds() + " s for " + what).isLessThan(end);
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        consoles.forEach(Console::close);
        demo.close();
    }

    /** One console's session and services, as the app wires them, without a window. */
    public static final class Console implements AutoCloseable {
        public final ImmediateTaskExecutor executor = new ImmediateTaskExecutor();
        public final Session session = new Session();
        public final RunService runs;
        public final DryRunService dryRuns;
        private boolean closed;

        Console(WorkerFixture f) {
            session.connected(Engines.connect(f.uri), "demo", f.uri);
            session.planOpened(MigrationPlans.load(f.plan));
            runs = new RunService(executor, session, Clock.systemUTC(), RunService.Mode.WORKERS);
            dryRuns = new DryRunService(executor, session);
            runs.follow();
        }

        /** Dry run (in this process: it writes nothing), so that Run is allowed. */
        public void dryRun() {
            dryRuns.start(e -> { }, r -> { }, reason -> {
                throw new AssertionError(reason);
            });
        }

        /** Closing the console: the run in its worker goes on unless {@code stopRun}. */
        public void close(boolean stopRun) {
            if (!closed) {
                closed = true;
                runs.close(stopRun);
                session.engine().close();
                executor.close();
            }
        }

        @Override
        public void close() {
            close(false);
        }
    }
}
