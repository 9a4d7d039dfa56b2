package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.postgres.DeskSchema;
import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.engine.postgres.uuidkey.UuidKeyOperations;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.ChildFerry;
import dev.ferry.testing.SchemaDump;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runbook 002's crash trials on an application's schema ({@link DeskSchema}: owner role, grants, row security, policies,
 * publications, statistics, same-named tables in two schemas): {@code ferry pg op full_migration} in a child JVM,
 * SIGKILLed during the copy, then inside the swap transaction, then resumed through the CLI. After each, the tables
 * hold the rows and the catalog the definitions of an uninterrupted conversion ({@code pg_dump --schema-only} equal),
 * validate_migration passes and no lease is left; a rollback then restores the dump from before. Seeded like
 * {@link PgCrashTrialsTest} ({@code -Dferry.reliability.seed}).
 */
class PgCrashTrialsOnAnApplicationSchemaTest {

    static final int ACCOUNTS = 600;
    static final int BATCH = 100;
    static final List<String> TABLES = List.of("accounts", "account_roles", "team_members", "tickets", "events",
            "audit.events");

    @TempDir
    Path dir;

    @Test
    void killedInTheCopyAndInTheSwapTheConversionFinishesAsIfNeverInterrupted() throws Exception {
        long seed = Long.getLong("ferry.reliability.seed", 20261122L);
        Random random = new Random(seed);
        Path planFile = dir.resolve("desk-uuid.yaml");
        Files.writeString(planFile, DeskSchema.PLAN);
        UuidKeyPlan plan = ((UuidKeyPlan) PostgresPlanLoader.load(planFile)).withBatchSize(BATCH);

        String reference = TestPostgres.freshDatabase("desk_crash_reference");
        DeskSchema.create(reference, "desk_owner", true, ACCOUNTS);
        List<String> dumpBefore = SchemaDump.of(reference);
        List<String> applicationBefore = SchemaDump.applicationsDuringAConversion(reference);
        try (PostgresStore store = PostgresStore.connect(reference)) {
            assertThat(new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl()).fullMigration().ok())
                    .isTrue();
        }
        List<String> dumpConverted = SchemaDump.of(reference);
        Map<String, String> rowsConverted = rows(reference);

        for (PgCrashTrialsTest.Phase phase : List.of(PgCrashTrialsTest.Phase.FILL, PgCrashTrialsTest.Phase.SWAP)) {
            String replay = "desk trial (seed " + seed + ", phase " + phase + ")";
            String url = TestPostgres.freshDatabase("desk_crash_" + phase.name().toLowerCase());
            DeskSchema.create(url, "desk_owner", true, ACCOUNTS);
            PgCrashTrialsTest.KillPoint point = phase == PgCrashTrialsTest.Phase.FILL
                    ? new PgCrashTrialsTest.KillPoint(phase, 1 + random.nextInt(10), random.nextInt(20))
                    : new PgCrashTrialsTest.KillPoint(phase, 0, random.nextInt(1000));
            String killed = PgCrashTrialsTest.runAndKill(url, point, replay, planFile, "tickets", BATCH);
            PgCrashTrialsTest.awaitChildSessionsGone(url, replay);
            if (phase == PgCrashTrialsTest.Phase.SWAP) {
                assertThat(SchemaDump.differences(applicationBefore, SchemaDump.applicationsDuringAConversion(url)))
                        .as("%s: the killed swap changed none of the application's tables (%s)", replay, killed)
                        .isEmpty();
            }

            ChildFerry.Result again = ChildFerry.run(PgCrashTrialsTest.jvm(), "pg", "op", "full_migration", "--uri",
                    url, "--plan", planFile.toString(), "--batch-size", String.valueOf(BATCH));
            assertThat(again.code()).as(replay + " (" + killed + "):\n" + again.output()).isZero();
            assertThat(again.output()).as(replay).contains("definition").doesNotContain("FAILED");
            assertThat(rows(url)).as("%s: rows", replay).isEqualTo(rowsConverted);
            assertThat(SchemaDump.differences(dumpConverted, SchemaDump.of(url))).as("%s: catalog", replay).isEmpty();
            assertThat(Runbook002Schema.scalar(url, "SELECT sum(rows) FROM ferry.operation_batches")).as(replay)
                    .isEqualTo(Runbook002Schema.scalar(url, "SELECT sum(rows_before) FROM ferry.operation_tables"));
            assertThat(PgCrashTrialsTest.scalar(url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
                    .as("%s: no lease left behind", replay).isEqualTo("0");
            try (PostgresStore store = PostgresStore.connect(url)) {
                assertThat(new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl()).rollback().ok())
                        .as(replay).isTrue();
            }
            assertThat(SchemaDump.differences(dumpBefore, SchemaDump.of(url))).as("%s: rolled back", replay).isEmpty();
        }
    }

    private static Map<String, String> rows(String url) throws Exception {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : TABLES) {
            sums.put(table, Runbook002Schema.scalar(url, "SELECT count(*) || ':' || md5(coalesce(string_agg(t::text,"
                    + " '|' ORDER BY t::text), '')) FROM " + table + " t"));
        }
        return sums;
    }
}
