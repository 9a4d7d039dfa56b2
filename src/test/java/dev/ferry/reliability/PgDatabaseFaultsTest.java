package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.postgres.backfill.BackfillOperations;
import dev.ferry.engine.postgres.backfill.BackfillReport;
import dev.ferry.engine.postgres.uuidkey.FullMigrationReport;
import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.engine.postgres.uuidkey.UuidConversionReport;
import dev.ferry.engine.postgres.uuidkey.UuidKeyOperations;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.MigrationLogTable;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL ends Ferry's sessions mid-run ({@code pg_terminate_backend} from another connection, as an operator or
 * a failover does): the uuid conversion and the runbook 003 backfill announce that they wait for the database,
 * reconnect, resume from the journal by themselves and end checksum-identical to an uninterrupted run — also when the
 * session dies inside the swap transaction. Runbook 003's up and down wait and go on likewise. Past
 * {@code -Dferry.retry.max} the conversion pauses, resumable.
 */
class PgDatabaseFaultsTest {

    static final int USERS = 3000;
    static final int ROWS = USERS + USERS * 3 + USERS / 2 + USERS / 2;
    static final Path UUID_PLAN = Path.of("plans/users-uuid.yaml");
    static final String TERMINATE = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND pid <> pg_backend_pid()";

    @AfterEach
    void clearRetryLimit() {
        System.clearProperty("ferry.retry.max");
    }

    @Test
    void sessionsTerminatedMidFillAreWaitedForAndTheConversionResumesByItself() throws Exception {
        String url = TestPostgres.freshDatabase("pg_fault_fill");
        Runbook002Schema.create(url, USERS, 3);
        Map<String, String> before = PgCrashTrialsTest.canonical(url);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        AtomicLong batches = new AtomicLong();
        FullMigrationReport report;
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, uuidPlan(), recording(events, batches),
                    new RunControl());
            CompletableFuture<FullMigrationReport> run = CompletableFuture.supplyAsync(ops::fullMigration);
            await(() -> batches.get() >= 15, "15 batches");
            assertThat(terminateOthers(url)).as("sessions ended").isGreaterThanOrEqualTo(1);
            report = run.get(3, TimeUnit.MINUTES);
        }
        assertThat(report.ok()).as("%s", report).isTrue();
        List<RunEvent.WaitingForDatabase> waits = waits(events);
        assertThat(waits).isNotEmpty().allSatisfy(w -> assertThat(w.reason()).isNotBlank());
        assertThat(waits.get(0).attempt()).isEqualTo(1);
        assertThat(waits.get(0).reason()).contains("57P01");
        assertThat(waits.get(0).runId()).isEqualTo(report.conversion().runId());
        assertThat(report.conversion().resumed()).isTrue();
        assertConverted(url, before);
        System.err.printf("pg faults: sessions terminated after 15 of ~%d batches; %d wait(s) (%s); converted%n",
                ROWS / 150, waits.size(), waits.get(0).reason());
    }

    @Test
    void aSessionTerminatedInsideTheSwapTransactionRollsBackAndTheSwapIsDoneAgain() throws Exception {
        String url = TestPostgres.freshDatabase("pg_fault_swap");
        Runbook002Schema.create(url, 500, 2);
        Map<String, String> before = PgCrashTrialsTest.canonical(url);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        AtomicBoolean swapping = new AtomicBoolean();
        try (PostgresStore store = PostgresStore.connect(url);
             Connection blocker = DriverManager.getConnection(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, uuidPlan(), e -> {
                events.add(e);
                if (e instanceof RunEvent.StateChanged c && "swapping the tables".equals(c.reason())) {
                    swapping.set(true);
                }
            }, new RunControl());
            // Holding a share lock on reminders makes the swap wait inside its transaction, after it locked users.
            blocker.setAutoCommit(false);
            execute(blocker, "LOCK TABLE reminders IN ACCESS SHARE MODE");
            CompletableFuture<UuidConversionReport> run = CompletableFuture.supplyAsync(ops::convert);
            await(() -> swapping.get() && waitingOnLock(url), "the swap waiting for its locks");
            assertThat(scalar(url, "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE"
                    + " a.application_name = 'ferry' AND l.mode = 'AccessExclusiveLock' AND l.granted"
                    + " AND l.relation = 'users'::regclass")).as("the swap holds users exclusively").isEqualTo("1");
            try (Statement s = blocker.createStatement(); var r = s.executeQuery(TERMINATE)) {
                r.next();
            }
            blocker.rollback();
            UuidConversionReport report = run.get(3, TimeUnit.MINUTES);
            assertThat(report.ok()).as("%s", report.lines()).isTrue();
            assertThat(ops.validateMigration().passed()).isTrue();
        }
        assertThat(waits(events)).isNotEmpty();
        assertThat(scalar(url, "SELECT count(*) FROM ferry.operation_runs")).isEqualTo("1");
        assertThat(PgCrashTrialsTest.canonical(url)).isEqualTo(before);
        assertThat(scalar(url, "SELECT count(*) FROM migration_backup.users")).isEqualTo("500");
    }

    @Test
    void pastTheRetryLimitTheConversionPausesAndALaterRunResumesIt() throws Exception {
        System.setProperty("ferry.retry.max", "2");
        String url = TestPostgres.freshDatabase("pg_fault_limit");
        Runbook002Schema.create(url, USERS, 3);
        Map<String, String> before = PgCrashTrialsTest.canonical(url);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        AtomicLong batches = new AtomicLong();
        UuidConversionReport paused;
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, uuidPlan(), recording(events, batches),
                    new RunControl());
            CompletableFuture<UuidConversionReport> run = CompletableFuture.supplyAsync(ops::convert);
            await(() -> batches.get() >= 10, "10 batches");
            paused = terminatedUntilDone(url, run); // the database keeps ending Ferry's sessions for good
            assertThat(paused.ok()).isFalse();
            assertThat(String.join(" ", paused.lines())).contains("did not come back")
                    .contains("-Dferry.retry.max=2").contains("run `ferry pg op convert` again");
            assertThat(ops.status().state()).as("status of the paused run").isEqualTo("interrupted");
        }
        assertThat(waits(events)).isNotEmpty();
        assertThat(events.stream().filter(RunEvent.StateChanged.class::isInstance).map(RunEvent.StateChanged.class::cast)
                .map(RunEvent.StateChanged::state)).contains(dev.ferry.engine.RunState.PAUSED);
        System.clearProperty("ferry.retry.max");
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, uuidPlan(), RunListener.NONE, new RunControl());
            UuidConversionReport resumed = ops.convert();
            assertThat(resumed.ok()).as("%s", resumed.lines()).isTrue();
            assertThat(resumed.resumed()).isTrue();
            assertThat(resumed.runId()).isEqualTo(paused.runId());
            assertThat(ops.validateMigration().passed()).isTrue();
        }
        assertConverted(url, before);
    }

    @Test
    void thePlansRetryMaxWaitOverridesThePropertyForAPostgresOperation() throws Exception {
        System.setProperty("ferry.retry.max", "600"); // the plan's 1 s wins over the operator's default
        String url = TestPostgres.freshDatabase("pg_fault_plan_retry");
        Runbook002Schema.create(url, USERS, 3);
        UuidKeyPlan plan = ((UuidKeyPlan) PostgresPlanLoader.parse(Files.readString(UUID_PLAN)
                + "\nretry: { max_wait: 1s, first_delay: 100ms }\n", "users-uuid-retry.yaml")).withBatchSize(150);
        assertThat(plan.retry().maxWait()).isEqualTo(java.time.Duration.ofSeconds(1));
        AtomicLong batches = new AtomicLong();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        long cutAt;
        UuidConversionReport paused;
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan, recording(events, batches),
                    new RunControl());
            CompletableFuture<UuidConversionReport> run = CompletableFuture.supplyAsync(ops::convert);
            await(() -> batches.get() >= 10, "10 batches");
            cutAt = System.nanoTime();
            paused = terminatedUntilDone(url, run);
        }
        long waitedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - cutAt);
        assertThat(paused.ok()).isFalse();
        assertThat(String.join(" ", paused.lines())).contains("did not come back")
                .contains("retry.max_wait in the plan: 1 s").doesNotContain("ferry.retry.max=600");
        assertThat(waitedSeconds).as("paused after the plan's 1 s, not the property's 600 s").isLessThan(60);
        assertThat(waits(events)).isNotEmpty();
    }

    @Test
    void sessionsTerminatedMidBackfillAreWaitedForAndTheBackfillResumesByItself() throws Exception {
        Path plan = backfillPlan();
        String reference = predictions("pg_fault_backfill_ref");
        try (PostgresStore store = PostgresStore.connect(reference)) {
            BackfillOperations ops = new BackfillOperations(store, load(plan), RunListener.NONE, new RunControl());
            assertThat(ops.up().ok()).isTrue();
            assertThat(ops.backfill().ok()).isTrue();
        }
        String url = predictions("pg_fault_backfill");
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        BackfillReport report;
        try (PostgresStore store = PostgresStore.connect(url);
             Connection locker = DriverManager.getConnection(url)) {
            BackfillOperations ops = new BackfillOperations(store, load(plan), events::add, new RunControl());
            assertThat(ops.up().ok()).isTrue();
            CompletableFuture<BackfillReport> run;
            try (var held = new HeldRow(locker, 15_001)) { // mid-table: the backfill waits for it, ~20 batches in
                run = CompletableFuture.supplyAsync(ops::backfill);
                await(() -> waitingOnLock(url), "the backfill to reach the held row");
                held.terminateOthers();
            }
            report = run.get(3, TimeUnit.MINUTES);
            assertThat(report.ok()).as("%s", report.lines()).isTrue();
            assertThat(ops.validate().passed()).isTrue();
        }
        assertThat(events.stream().filter(RunEvent.BatchDone.class::isInstance).count()).as("batches before the fault")
                .isGreaterThan(10);
        assertThat(waits(events)).isNotEmpty().first().satisfies(w -> assertThat(w.reason()).contains("57P01"));
        assertThat(scalar(url, "SELECT count(*) FROM ferry.operation_runs")).as("one run, resumed").isEqualTo("1");
        assertThat(predictionsSum(url)).isEqualTo(predictionsSum(reference));
        assertThat(scalar(url, "SELECT count(*) FROM predictions WHERE model_accuracy = 0.85")).isEqualTo("22500");
    }

    @Test
    void upTerminatedWhileItsIndexIsBuiltWaitsAndEndsWithTheColumnsAndAValidIndex() throws Exception {
        String url = predictions("pg_fault_up");
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        BackfillReport up;
        try (PostgresStore store = PostgresStore.connect(url);
             Connection snapshot = DriverManager.getConnection(url)) {
            BackfillOperations ops = new BackfillOperations(store, load(backfillPlan()), events::add, new RunControl());
            // An open repeatable-read snapshot: CREATE INDEX CONCURRENTLY waits for it, after the columns are added
            // and with the index already in the catalog (INVALID until the build ends).
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            snapshot.setAutoCommit(false);
            execute(snapshot, "SELECT 1");
            CompletableFuture<BackfillReport> run = CompletableFuture.supplyAsync(ops::up);
            await(() -> waitingOnLock(url), "up's index build waiting for the open snapshot");
            assertThat(scalar(url, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"
                    + " AND indexrelid = 'idx_predictions_model_accuracy'::regclass")).isEqualTo("1");
            execute(snapshot, TERMINATE);
            snapshot.rollback();
            up = run.get(3, TimeUnit.MINUTES);
            // the cut-off attempt's migration_log row reads interrupted, the attempt after it completed
            assertThat(ops.status()).filteredOn(e -> e.operation().equals("up"))
                    .extracting(MigrationLogTable.Entry::status).containsExactly("completed", "interrupted");
        }
        assertThat(up.ok()).as("%s", up.lines()).isTrue();
        assertThat(waits(events)).isNotEmpty().first().satisfies(w -> assertThat(w.reason()).contains("57P01"));
        assertThat(scalar(url, "SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_name) FROM"
                + " information_schema.columns WHERE table_name = 'predictions' AND column_name IN ('model_accuracy',"
                + " 'feature_importance')")).isEqualTo("feature_importance jsonb, model_accuracy double precision");
        assertThat(scalar(url, "SELECT string_agg(indisvalid::text, ',') FROM pg_index i JOIN pg_class c"
                + " ON c.oid = i.indexrelid WHERE c.relname = 'idx_predictions_model_accuracy'")).isEqualTo("true");
    }

    @Test
    void downTerminatedWhileItWaitsForTheTableWaitsAndEndsWithTheColumnsAndIndexGone() throws Exception {
        String url = predictions("pg_fault_down");
        String before = predictionsSum(url);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        BackfillReport down;
        try (PostgresStore store = PostgresStore.connect(url);
             Connection reader = DriverManager.getConnection(url)) {
            assertThat(new BackfillOperations(store, load(backfillPlan()), RunListener.NONE, new RunControl()).up().ok())
                    .isTrue();
            BackfillOperations ops = new BackfillOperations(store, load(backfillPlan()), events::add, new RunControl());
            reader.setAutoCommit(false);
            execute(reader, "LOCK TABLE predictions IN ACCESS SHARE MODE"); // a reader mid-transaction
            CompletableFuture<BackfillReport> run = CompletableFuture.supplyAsync(ops::down);
            await(() -> waitingOnLock(url), "down waiting for the reader's lock");
            execute(reader, TERMINATE);
            reader.rollback();
            down = run.get(3, TimeUnit.MINUTES);
        }
        assertThat(down.ok()).as("%s", down.lines()).isTrue();
        assertThat(waits(events)).isNotEmpty().first().satisfies(w -> assertThat(w.reason()).contains("57P01"));
        assertThat(scalar(url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'predictions'"
                + " AND column_name IN ('model_accuracy', 'feature_importance')")).isEqualTo("0");
        assertThat(scalar(url, "SELECT count(*) FROM pg_class WHERE relname = 'idx_predictions_model_accuracy'"))
                .isEqualTo("0");
        assertThat(predictionsSum(url)).isEqualTo(before);
    }

    @Test
    void theCliPrintsTheWaitingLinesOfAPostgresRun() throws Exception {
        String url = predictions("pg_fault_cli");
        Path plan = backfillPlan();
        Path out = Files.createTempFile("ferry-pg-fault", ".out");
        try (PostgresStore store = PostgresStore.connect(url)) { // up takes locks the held row would block
            assertThat(new BackfillOperations(store, load(plan), RunListener.NONE, new RunControl()).up().ok()).isTrue();
        }
        Process child;
        try (Connection locker = DriverManager.getConnection(url); var held = new HeldRow(locker, 15_001)) {
            child = ChildFerry.start(List.of("-Dferry.log.dir=" + System.getProperty("java.io.tmpdir")), out,
                    "pg", "op", "backfill", "--uri", url, "--plan", plan.toString());
            await(() -> waitingOnLock(url), "the backfill to reach the held row");
            held.terminateOthers();
        }
        try {
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String output = Files.readString(out);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("Waiting for the database: FATAL: terminating connection due to administrator"
                + " command (SQLSTATE 57P01). Retry 1 in ")
                .contains("the run resumes from its last checkpoint by itself").doesNotContain("\tat ");
        output.lines().filter(l -> l.startsWith("Waiting for the database")).forEach(l -> System.err.println("cli: " + l));
        assertThat(scalar(url, "SELECT count(*) FROM predictions WHERE model_accuracy = 0.85")).isEqualTo("22500");
    }

    /** A row locked FOR UPDATE by another session: the backfill's batch that reaches it waits there. */
    private static final class HeldRow implements AutoCloseable {
        private final Connection c;

        HeldRow(Connection c, long id) throws SQLException {
            this.c = c;
            c.setAutoCommit(false);
            execute(c, "SELECT 1 FROM predictions WHERE id = " + id + " FOR UPDATE");
        }

        /** The fault, from the holding session: every other session of the database is ended. */
        void terminateOthers() throws SQLException {
            execute(c, TERMINATE);
        }

        @Override
        public void close() throws SQLException {
            c.rollback();
        }
    }

    private static void assertConverted(String url, Map<String, String> before) throws SQLException {
        assertThat(PgCrashTrialsTest.canonical(url)).isEqualTo(before);
        assertThat(scalar(url, "SELECT sum(rows) FROM ferry.operation_batches")).as("each row copied once")
                .isEqualTo(String.valueOf(ROWS));
        assertThat(scalar(url, "SELECT count(*) FROM ferry.operation_runs")).isEqualTo("1");
        assertThat(scalar(url, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"
                + " AND confrelid = 'public.users'::regclass")).isEqualTo("3");
    }

    private static UuidKeyPlan uuidPlan() {
        return ((UuidKeyPlan) PostgresPlanLoader.load(UUID_PLAN)).withBatchSize(150);
    }

    /** Runbook 003's plan with batches of 500, so a backfill of 22,500 rows takes 45 of them. */
    private static Path backfillPlan() throws Exception {
        Path plan = Files.createTempDirectory("ferry-pg-faults").resolve("predictions-accuracy.yaml");
        Files.writeString(plan, Files.readString(Path.of("plans/predictions-accuracy.yaml"))
                .replace("batch_size: 1000", "batch_size: 500"));
        return plan;
    }

    private static ColumnBackfillPlan load(Path plan) {
        return (ColumnBackfillPlan) PostgresPlanLoader.load(plan);
    }

    private static String predictions(String hint) throws SQLException {
        String url = TestPostgres.freshDatabase(hint);
        Runbook002Schema.execute(url, """
                CREATE TABLE predictions (id bigserial PRIMARY KEY, model_version text NOT NULL,
                  created_at timestamptz NOT NULL, score numeric);
                INSERT INTO predictions (model_version, created_at, score)
                  SELECT CASE WHEN i % 4 = 0 THEN '2.0' ELSE '1.0' END,
                  timestamptz '2025-01-01' + i * interval '1 minute', i / 100.0 FROM generate_series(1, 30000) i;
                """);
        return url;
    }

    private static String predictionsSum(String url) throws SQLException {
        return scalar(url, "SELECT count(*) || ':' || md5(string_agg(t::text, '|' ORDER BY id)) FROM predictions t");
    }

    private static List<RunEvent.WaitingForDatabase> waits(List<RunEvent> events) {
        return events.stream().filter(RunEvent.WaitingForDatabase.class::isInstance)
                .map(RunEvent.WaitingForDatabase.class::cast).toList();
    }

    /** The brief's fault: every other session of the database ended by the server. */
    private static long terminateOthers(String url) throws SQLException {
        return Long.parseLong(scalar(url, TERMINATE));
    }

    /** Keeps the operation's events and counts its batches. */
    private static RunListener recording(List<RunEvent> events, AtomicLong batches) {
        return e -> {
            events.add(e);
            if (e instanceof RunEvent.BatchDone) {
                batches.incrementAndGet();
            }
        };
    }

    /** Ends Ferry's sessions again and again until the operation gives up, and returns what it returned. */
    private static <T> T terminatedUntilDone(String url, CompletableFuture<T> run) throws Exception {
        while (!run.isDone()) {
            terminateFerry(url);
            Thread.sleep(5);
        }
        return run.get();
    }

    private static void terminateFerry(String url) throws SQLException {
        scalar(url, TERMINATE + " AND application_name = 'ferry'");
    }

    private static boolean waitingOnLock(String url) {
        try {
            return !"0".equals(scalar(url, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ferry'"
                    + " AND wait_event_type = 'Lock'"));
        } catch (SQLException e) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String scalar(String url, String sql) throws SQLException {
        return PgCrashTrialsTest.scalar(url, sql);
    }
}
