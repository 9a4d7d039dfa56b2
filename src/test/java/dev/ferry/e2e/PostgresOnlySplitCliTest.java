package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunState;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.plan.PlanLoader;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.PeopleTables;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry … --uri jdbc:postgresql://…} on a split of a table into tables, with no MongoDB anywhere, by the real
 * CLI in child JVMs: dry run, a run SIGKILLed twice mid-way (status shows it interrupted) and resumed to the end with
 * the same rows as an uninterrupted run, validate, history, and a rollback that leaves every table byte-identical
 * (row checksums, and the sorted lines of {@code pg_dump --data-only}).
 */
class PostgresOnlySplitCliTest {

    private static final int PEOPLE = 3_000;
    private static final String BATCH = "100";
    private static final Path PG_DUMP = Path.of("/usr/lib/postgresql/15/bin/pg_dump");

    @Test
    void aTableSplitRunsIsKilledResumesValidatesAndRollsBackWithOnlyAPostgresUri() throws Exception {
        String reference = PeopleTables.create(TestPostgres.freshDatabase("pg_only_reference"), PEOPLE, 11);
        try (SplitEngine ferry = SplitEngine.connect(reference)) {
            assertThat(ferry.run(PlanLoader.load(PeopleTables.PLAN).withBatchSize(100), new RunControl(),
                    RunListener.NONE).state()).isEqualTo(RunState.COMPLETED);
        }

        String url = PeopleTables.create(TestPostgres.freshDatabase("pg_only_split"), PEOPLE, 11);
        Map<String, String> before = PeopleTables.checksums(url);
        List<String> dumpBefore = dump(url);
        String plan = PeopleTables.PLAN.toString();

        ChildFerry.Result dry = ferry("dry-run", "--uri", url, "--plan", plan, "--batch-size", BATCH);
        assertThat(dry.code()).as("never green with records to quarantine: " + dry.output()).isEqualTo(1);
        assertThat(dry.output()).contains(String.format("%,d", PeopleTables.unmigratable(PEOPLE))).contains("born");

        List<Long> killedAt = new ArrayList<>();
        for (long threshold : new long[] {700, 1900}) {
            killedAt.add(runAndKill(url, threshold));
            ChildFerry.Result status = ferry("status", "--uri", url, "--plan", plan);
            assertThat(status.code()).as(status.output()).isZero();
            assertThat(status.output()).contains("people-split: interrupted");
        }
        assertThat(killedAt).isSorted().allSatisfy(p -> assertThat(p).isLessThan(PEOPLE));

        ChildFerry.Result run = ferry("run", "--uri", url, "--plan", plan, "--batch-size", BATCH);
        assertThat(run.code()).as("completed, with records in quarantine: " + run.output()).isEqualTo(1);
        assertThat(run.output()).contains("⚠ Migration complete with records in quarantine").contains("(resumed)")
                .contains("in ferry.quarantine with their reasons")
                .doesNotContainIgnoringCase("mongo");
        assertThat(PeopleTables.contents(url)).as("the same rows as a run never interrupted")
                .isEqualTo(PeopleTables.contents(reference));
        assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM ferry.quarantine"))
                .isEqualTo(PeopleTables.scalar(reference, "SELECT count(*) FROM ferry.quarantine"));
        assertThat(PeopleTables.scalar(url, "SELECT count(*) || ' ' || max(batch) FROM ferry.runs"))
                .isEqualTo("1 " + PEOPLE / 100);

        ChildFerry.Result validate = ferry("validate", "--uri", url, "--plan", plan);
        assertThat(validate.code()).as(validate.output()).isZero();
        ChildFerry.Result history = ferry("history", "--uri", url);
        assertThat(history.code()).as(history.output()).isZero();
        assertThat(history.output()).contains("people-split").contains("completed").contains("✓ 3 passed");

        ChildFerry.Result rollback = ferry("rollback", "--uri", url, "--plan", plan, "--yes");
        assertThat(rollback.code()).as(rollback.output()).isZero();
        assertThat(PeopleTables.checksums(url)).as("byte-identical after the rollback").isEqualTo(before);
        assertThat(dump(url)).as("pg_dump --data-only of schema crm").isEqualTo(dumpBefore);
        ChildFerry.Result status = ferry("status", "--uri", url, "--plan", plan, "--json");
        assertThat(status.output()).contains("\"state\" : \"ROLLED_BACK\"");
    }

    private static ChildFerry.Result ferry(String... args) throws Exception {
        return ChildFerry.run(jvm(), args);
    }

    private static List<String> jvm() throws Exception {
        return List.of("-Dferry.lease.ttl.seconds=2", "-Dferry.log.dir=" + Files.createTempDirectory("ferry-log"));
    }

    /** Starts {@code ferry run} in a child JVM and SIGKILLs it once the journal shows {@code threshold} processed. */
    private static long runAndKill(String url, long threshold) throws Exception {
        Path out = Files.createTempFile("ferry-pg-split", ".out");
        Process child = ChildFerry.start(jvm(), out, "run", "--uri", url, "--plan", PeopleTables.PLAN.toString(),
                "--batch-size", BATCH);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (processed(url) < threshold) {
                assertThat(child.isAlive()).as("the child ended before the kill point:\n" + Files.readString(out))
                        .isTrue();
                assertThat(System.nanoTime()).as("the child made no progress").isLessThan(deadline);
                Thread.sleep(5);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up, its transaction cut off
            child.waitFor(30, TimeUnit.SECONDS);
        }
        Thread.sleep(2100); // the dead child's lease expires
        return processed(url);
    }

    private static long processed(String url) throws SQLException {
        String n = PeopleTables.scalar(url, "SELECT CASE WHEN to_regclass('ferry.runs') IS NULL THEN 0"
                + " ELSE (SELECT coalesce(max(processed), 0) FROM ferry.runs) END");
        return Long.parseLong(n);
    }

    /** The sorted lines of {@code pg_dump --data-only} of schema crm (row order on disk changes; rows must not). */
    private static List<String> dump(String url) throws Exception {
        if (!Files.isExecutable(PG_DUMP)) {
            return List.of("pg_dump not installed: the row checksums above compare every byte of every row");
        }
        String database = url.replaceAll(".*/([^?]+).*", "$1");
        Process p = new ProcessBuilder(PG_DUMP.toString(), "--data-only", "--schema=crm", "-h", "localhost", "-p",
                String.valueOf(TestPostgres.port()), "-U", "postgres", database).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>(new String(p.getInputStream().readAllBytes()).lines()
                .filter(l -> !l.startsWith("\\restrict ") && !l.startsWith("\\unrestrict ")) // a random key per dump
                .toList());
        assertThat(p.waitFor()).as(String.join("\n", lines)).isZero();
        lines.sort(null);
        return lines;
    }
}
