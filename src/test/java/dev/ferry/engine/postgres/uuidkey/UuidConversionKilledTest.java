package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.Runbook002Schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.TestPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * `ferry pg op convert` in a child JVM, killed with SIGKILL while it copies batches; the conversion run again in
 * this JVM resumes from the journal (no batch copied twice, none lost), validates, and rolls back to identical tables.
 */
class UuidConversionKilledTest {

    @Test
    void aConversionKilledMidwayResumesAndFinishes() throws Exception {
        String url = TestPostgres.freshDatabase("uuid_killed");
        Runbook002Schema.create(url, 10_000, 3);
        Map<String, String> before = Runbook002Schema.checksums(url);
        Path plan = UuidConversionEndToEndTest.PLAN;

        long copiedAtKill = runInChildAndKill(url, plan, 15);
        assertThat(copiedAtKill).isGreaterThan(0).isLessThan(50_000);
        assertThat(Runbook002Schema.scalar(url, "SELECT step FROM ferry.operation_runs")).isEqualTo("SHADOWS_CREATED");

        UuidKeyPlan loaded = ((UuidKeyPlan) PostgresPlanLoader.load(plan)).withBatchSize(200);
        awaitChildSessionsGone(url); // then status must not say "running" forever
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, loaded, RunListener.NONE, new RunControl());
            ConversionStatus status = ops.status();
            assertThat(status.state()).isEqualTo("interrupted");
            assertThat(status.message()).contains("run convert again to resume");
            assertThat(status.log()).noneMatch(e -> e.status().equals("running"))
                    .anyMatch(e -> e.operation().equals("convert") && e.status().equals("interrupted"));
            UuidConversionReport resumed = ops.convert();
            assertThat(resumed.ok()).as(String.join("\n", resumed.lines())).isTrue();
            assertThat(resumed.resumed()).isTrue();
            assertThat(Runbook002Schema.scalar(url, "SELECT sum(rows) FROM ferry.operation_batches")).isEqualTo("50000");
            assertThat(ops.validateMigration().passed()).isTrue();
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM journal_entries")).isEqualTo("30000");
            assertThat(ops.rollback().ok()).isTrue();
        }
        assertThat(Runbook002Schema.checksums(url)).isEqualTo(before);
    }

    /** Starts the CLI's convert in a child JVM and SIGKILLs it once {@code batches} batches are committed. */
    private static long runInChildAndKill(String url, Path plan, int batches) throws Exception {
        Path log = Files.createTempFile("ferry-pg-child", ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), "-Dferry.pg.workers=1", "-Dferry.log.dir=" + log.getParent(),
                "dev.ferry.app.Launcher", "pg", "op", "convert", "--uri", url, "--plan", plan.toString(),
                "--batch-size", "200").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (committed(url) < batches) {
                assertThat(child.isAlive()).as("child ended before the kill point; its output:\n"
                        + Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("child made no progress").isLessThan(deadline);
                Thread.sleep(5);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no clean-up, the lock goes with its connection
            child.waitFor(30, TimeUnit.SECONDS);
        }
        return Long.parseLong(Runbook002Schema.scalar(url, "SELECT coalesce(sum(rows), 0) FROM ferry.operation_batches"));
    }

    private static void awaitChildSessionsGone(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"0".equals(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_stat_activity WHERE"
                + " application_name = 'ferry' AND datname = current_database()"))) {
            assertThat(System.nanoTime()).as("the killed child's sessions stay").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static long committed(String url) throws Exception {
        String n = Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_tables WHERE tablename = 'operation_batches' AND schemaname = 'ferry'");
        return "0".equals(n) ? 0 : Long.parseLong(Runbook002Schema.scalar(url, "SELECT count(*) FROM ferry.operation_batches"));
    }

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null ? cp : System.getProperty("java.class.path").replace(File.pathSeparator, File.pathSeparator);
    }
}
