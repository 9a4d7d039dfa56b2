package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.postgres.uuidkey.ConversionStatus;
import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.engine.postgres.uuidkey.UuidConversionReport;
import dev.ferry.engine.postgres.uuidkey.UuidKeyOperations;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Crash trials for runbook 002: {@code ferry pg op full_migration} in a child JVM, SIGKILLed at a seeded random point
 * in one phase (schema checks, backup, shadow fill, index and key build, inside the swap transaction, validation),
 * then resumed to the end — or, every fourth from trial 1, rolled back. Trial 0 reads status and resumes through the
 * CLI. After each: status shows no run "running" forever, the lease is free, the tables hold exactly the original
 * rows with canonical uuid keys (checksum equal to an uninterrupted conversion's), no batch copied twice, every
 * foreign key valid and validate_migration passing; a rollback leaves every table byte-identical to before.
 * {@code -Dferry.reliability.pg.trials} sets the count (2 by default; 12 with {@code mvn verify -Preliability}),
 * {@code -Dferry.reliability.seed} the seed, printed with each failure for a replay.
 */
class PgCrashTrialsTest {

    static final int USERS = 1500;
    static final int ROWS = USERS + USERS * 3 + USERS / 2 + USERS / 2;
    static final int BATCH = 150;
    static final Path PLAN = Path.of("plans/users-uuid.yaml");

    /** Each table's rows as text, the key columns read as uuid: equal before and after a faithful conversion. */
    static final Map<String, String> CANONICAL = Map.of(
            "users", "ROW(id::uuid, email, name, created_at)",
            "journal_entries", "ROW(id::uuid, user_id::uuid, title, body, created_at)",
            "tags", "ROW(id, user_id::uuid, name)",
            "reminders", "ROW(id, user_id::uuid, remind_at, note)");

    /**
     * Where the kill lands; the order puts a fill and a swap into the two trials of mvn verify. CHECKS: validate_schema
     * and backup_data's checks, nothing recorded yet; BACKUP: the run and its counts recorded, shadows being made.
     */
    enum Phase { FILL, SWAP, BACKUP, INDEXES, VALIDATE, CHECKS }

    @Test
    void killedAtSeededRandomPointsTheConversionFinishesAsIfNeverInterrupted() throws Exception {
        int trials = Integer.getInteger("ferry.reliability.pg.trials", 2);
        long seed = Long.getLong("ferry.reliability.seed", 20261122L);
        Random random = new Random(seed);
        UuidKeyPlan plan = ((UuidKeyPlan) PostgresPlanLoader.load(PLAN)).withBatchSize(BATCH);

        String reference = TestPostgres.freshDatabase("pg_crash_reference");
        Runbook002Schema.create(reference, USERS, 3);
        Map<String, String> canonicalBefore = canonical(reference);
        try (PostgresStore store = PostgresStore.connect(reference)) {
            assertThat(new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl()).fullMigration().ok())
                    .isTrue();
        }
        Map<String, String> converted = canonical(reference);
        assertThat(converted).as("an uninterrupted conversion keeps every row").isEqualTo(canonicalBefore);

        StringBuilder figures = new StringBuilder();
        long started = System.nanoTime();
        for (int trial = 0; trial < trials; trial++) {
            Phase phase = Phase.values()[trial % Phase.values().length];
            boolean rollBack = trial % 4 == 1;
            String replay = String.format("trial %d (seed %d, phase %s, %s)", trial, seed, phase,
                    rollBack ? "rolled back" : "resumed");
            long t0 = System.nanoTime();
            String url = TestPostgres.freshDatabase("pg_crash_" + trial);
            Runbook002Schema.create(url, USERS, 3);
            Map<String, String> bytesBefore = Runbook002Schema.checksums(url);

            KillPoint point = KillPoint.random(phase, random);
            String killed = runAndKill(url, point, replay, PLAN, "reminders", BATCH);
            awaitChildSessionsGone(url, replay);
            String step = journalStep(url);
            if (phase == Phase.SWAP) { // killed inside the swap transaction: the server rolled it back
                assertThat(step).as(replay).isEqualTo("INDEXED");
                assertThat(scalar(url, "SELECT data_type FROM information_schema.columns WHERE table_schema ="
                        + " 'public' AND table_name = 'users' AND column_name = 'id'")).as(replay)
                        .isEqualTo("character varying");
            }

            try (PostgresStore store = PostgresStore.connect(url)) {
                UuidKeyOperations ops = new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl());
                ConversionStatus status = ops.status();
                assertThat(status.state()).as("%s: status after the kill", replay).isNotEqualTo("running");
                assertThat(status.log()).as("%s: migration_log after the kill", replay)
                        .noneMatch(e -> e.status().equals("running"));
                if (trial == 0) { // the CLI says the same
                    ChildFerry.Result cli = ChildFerry.run(jvm(), "pg", "op", "status", "--uri", url, "--plan",
                            PLAN.toString(), "--json");
                    assertThat(cli.code()).as(replay + ":\n" + cli.output()).isZero();
                    assertThat(cli.output()).as(replay).doesNotContain("\"running\"");
                }
                if (rollBack) {
                    UuidConversionReport back = ops.rollback();
                    assertThat(back.ok()).as("%s: %s", replay, back.lines()).isTrue();
                    assertThat(Runbook002Schema.checksums(url)).as("%s: bytes after rollback", replay)
                            .isEqualTo(bytesBefore);
                    assertThat(scalar(url, "SELECT count(*) FROM pg_tables WHERE tablename LIKE '%ferry_shadow%'"
                            + " OR schemaname = 'migration_backup'")).as(replay).isEqualTo("0");
                    assertThat(scalar(url, "SELECT count(*) FROM pg_trigger WHERE tgname = 'ferry_write_guard'"))
                            .as(replay).isEqualTo("0");
                }
            }
            if (!rollBack) {
                if (trial == 0) { // resumed by the CLI, as an operator would
                    ChildFerry.Result again = ChildFerry.run(jvm(), "pg", "op", "full_migration", "--uri", url,
                            "--plan", PLAN.toString(), "--batch-size", String.valueOf(BATCH));
                    assertThat(again.code()).as(replay + ":\n" + again.output()).isZero();
                } else {
                    try (PostgresStore store = PostgresStore.connect(url)) {
                        UuidKeyOperations ops = new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl());
                        UuidConversionReport resumed = ops.convert();
                        assertThat(resumed.ok()).as("%s: %s", replay, resumed.lines()).isTrue();
                    }
                }
                try (PostgresStore store = PostgresStore.connect(url)) {
                    UuidKeyOperations ops = new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl());
                    assertThat(ops.validateMigration().passed()).as("%s: validate_migration", replay).isTrue();
                }
                assertThat(canonical(url)).as("%s: rows after the resume", replay).isEqualTo(converted);
                assertThat(scalar(url, "SELECT data_type FROM information_schema.columns WHERE table_schema = 'public'"
                        + " AND table_name = 'users' AND column_name = 'id'")).as(replay).isEqualTo("uuid");
                assertThat(scalar(url, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"
                        + " AND confrelid = 'public.users'::regclass")).as("%s: valid foreign keys", replay).isEqualTo("3");
                assertThat(scalar(url, "SELECT sum(rows) FROM ferry.operation_batches")).as("%s: rows copied", replay)
                        .isEqualTo(String.valueOf(ROWS));
            }
            assertThat(scalar(url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
                    .as("%s: no lease left behind", replay).isEqualTo("0");
            assertThat(scalar(url, "SELECT count(*) FROM migration_log WHERE status = 'running' AND backend_pid IN"
                    + " (SELECT pid FROM pg_stat_activity)")).as(replay).isEqualTo("0");
            figures.append(String.format("%s: %s; killed %s, journal at %s; %d ms%n", replay, point, killed, step,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)));
            Runbook002Schema.execute(TestPostgres.jdbcUrl("postgres"), "DROP DATABASE "
                    + url.replaceAll(".*/([^?]+).*", "$1") + " WITH (FORCE)");
        }
        System.err.printf("pg crash trials (seed %d): %d in %d s%n%s", seed, trials,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), figures);
    }

    /** The kill point: once the child reaches the phase (a journal step, or a number of committed batches), a delay. */
    record KillPoint(Phase phase, int batches, int delayMs) {

        static KillPoint random(Phase phase, Random random) {
            int total = ROWS / BATCH;
            return switch (phase) {
                case CHECKS -> new KillPoint(phase, 0, random.nextInt(300));
                case BACKUP -> new KillPoint(phase, 0, random.nextInt(150));
                case FILL -> new KillPoint(phase, 1 + random.nextInt(total - 10), random.nextInt(20));
                case INDEXES -> new KillPoint(phase, 0, random.nextInt(150));
                case SWAP -> new KillPoint(phase, 0, random.nextInt(1000)); // under the plan's lock_timeout
                case VALIDATE -> new KillPoint(phase, 0, random.nextInt(60));
            };
        }

        boolean reached(Connection c) throws SQLException {
            return switch (phase) {
                case CHECKS -> "1".equals(scalar(c, "SELECT count(*) FROM pg_tables WHERE tablename = 'migration_log'"))
                        && !"0".equals(scalar(c, "SELECT count(*) FROM migration_log WHERE operation = 'backup_data'"));
                case BACKUP -> !"none".equals(journalStep(c));
                case FILL -> PgCrashTrialsTest.batches(c) >= batches;
                case INDEXES -> List.of("FILLED", "INDEXED", "SWAPPED").contains(journalStep(c));
                case SWAP -> !"0".equals(scalar(c, "SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                        + " 'ferry' AND wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE%'"));
                case VALIDATE -> "SWAPPED".equals(journalStep(c));
            };
        }

        @Override
        public String toString() {
            return phase == Phase.FILL ? "after " + batches + " batches + " + delayMs + " ms"
                    : phase == Phase.SWAP ? "inside the swap transaction + " + delayMs + " ms"
                    : "at " + phase.name().toLowerCase() + " + " + delayMs + " ms";
        }
    }

    /**
     * Starts full_migration of {@code plan} in a child JVM and SIGKILLs it at the point; says where the kill landed.
     * A share lock on {@code blocker} (a table the swap locks after the first) holds the swap inside its transaction.
     */
    static String runAndKill(String url, KillPoint point, String replay, Path plan, String blocker, int batch)
            throws Exception {
        Path out = Files.createTempFile("ferry-pg-crash", ".out");
        Connection holder = DriverManager.getConnection(url);
        if (point.phase() == Phase.SWAP) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("LOCK TABLE " + blocker + " IN ACCESS SHARE MODE");
            }
        }
        Process child = ChildFerry.start(jvm(), out, "pg", "op", "full_migration", "--uri", url, "--plan",
                plan.toString(), "--batch-size", String.valueOf(batch));
        try (Connection probe = DriverManager.getConnection(url)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!point.reached(probe)) {
                assertThat(child.isAlive()).as(replay + ": child ended before the kill point:\n"
                        + Files.readString(out)).isTrue();
                assertThat(System.nanoTime()).as(replay + ": child made no progress").isLessThan(deadline);
                Thread.sleep(2);
            }
            Thread.sleep(point.delayMs());
            if (!child.isAlive()) {
                assertThat(child.exitValue()).as(replay + ":\n" + Files.readString(out)).isZero();
                return "never (the child finished first)";
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up; the server ends its sessions
            child.waitFor(30, TimeUnit.SECONDS);
            holder.close(); // only now: the swap must not get its locks before the kill
        }
        try (Connection c = DriverManager.getConnection(url)) {
            return "at step " + journalStep(c) + " with " + batches(c) + " batches committed";
        }
    }

    /** The dead child's server sessions end when the server notices; until then they hold the plan's lease. */
    static void awaitChildSessionsGone(String url, String replay) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"0".equals(scalar(url, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ferry'"
                + " AND datname = current_database()"))) {
            assertThat(System.nanoTime()).as(replay + ": the killed child's sessions stay").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    static List<String> jvm() {
        return List.of("-Dferry.log.dir=" + System.getProperty("java.io.tmpdir"));
    }

    static Map<String, String> canonical(String url) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : Runbook002Schema.TABLES) {
            sums.put(table, scalar(url, "SELECT count(*) || ':' || md5(coalesce(string_agg(x, '|' ORDER BY x), ''))"
                    + " FROM (SELECT " + CANONICAL.get(table) + "::text x FROM public." + table + ") q"));
        }
        return sums;
    }

    static String journalStep(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return journalStep(c);
        }
    }

    static String journalStep(Connection c) throws SQLException {
        if (!"1".equals(scalar(c, "SELECT count(*) FROM pg_tables WHERE tablename = 'operation_runs' AND schemaname = 'ferry'"))) {
            return "none";
        }
        String step = scalar(c, "SELECT step FROM ferry.operation_runs ORDER BY started_at DESC LIMIT 1");
        return step == null ? "none" : step;
    }

    static long batches(Connection c) throws SQLException {
        if (!"1".equals(scalar(c, "SELECT count(*) FROM pg_tables WHERE tablename = 'operation_batches' AND schemaname = 'ferry'"))) {
            return 0;
        }
        return Long.parseLong(scalar(c, "SELECT count(*) FROM ferry.operation_batches"));
    }

    static String scalar(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return scalar(c, sql);
        }
    }

    static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
