package dev.ferry.engine.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.LeaseHeldException;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.connect.Engines;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.testing.InProcessMongo;
import dev.ferry.testing.PeopleTables;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A split whose journal is in PostgreSQL: with only a PostgreSQL URI (a table split into tables, as a user who owns
 * nothing and has grants), and with the MongoDB database of a plan's collections as the other database. Runs are
 * journalled in schema ferry, stop and resume, validate, roll back to byte-identical tables, and hold a lease.
 */
class PostgresJournalSplitTest {

    private static final int PEOPLE = 2_000;

    @Test
    void aTableSplitIntoTablesRunsResumesValidatesAndRollsBackWithOnlyAPostgresUri() throws Exception {
        String url = PeopleTables.create(TestPostgres.freshDatabase("pg_journal_split"), PEOPLE, 5);
        Map<String, String> before = PeopleTables.checksums(url);
        Plan plan = PlanLoader.load(PeopleTables.PLAN).withBatchSize(150);
        try (MigrationEngine db = Engines.connect(url)) {
            assertThat(db.kind()).isEqualTo("PostgreSQL");
            DryRunReport dry = db.dryRun(plan, RunListener.NONE);
            assertThat(dry.sourceRecords()).isEqualTo(PEOPLE);
            assertThat(dry.errorCount()).isEqualTo(PeopleTables.unmigratable(PEOPLE));
            assertThat(dry.errors()).anySatisfy(e -> assertThat(e.reason()).contains("born"));
            assertThat(dry.durationParts().perBatch()).as("bookkeeping timed in a scratch journal").isPositive();
            assertThat(dry.durationParts().writes()).as("table writes timed in scratch tables").isPositive();
            assertThat(PeopleTables.checksums(url)).as("a dry run writes nothing").isEqualTo(before);
            assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE"
                    + " 'ferry_dry_run_scratch%'")).isEqualTo("0");
            assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM pg_tables WHERE tablename LIKE"
                    + " 'ferry_dry_run_scratch%'")).isEqualTo("0");

            RunControl control = new RunControl();
            int[] batches = {0};
            RunReport first = db.run(plan, control, e -> {
                if (e instanceof RunEvent.BatchDone && ++batches[0] == 4) {
                    control.cancel("the test stops it after four batches");
                }
            });
            assertThat(first.state()).isEqualTo(RunState.CANCELLED);
            assertThat(first.processed()).isEqualTo(600);
            assertThat(PeopleTables.scalar(url, "SELECT state || ' ' || batch || ' ' || processed FROM ferry.runs"))
                    .isEqualTo("CANCELLED 4 600");

            RunReport done = db.run(plan, new RunControl(), RunListener.NONE);
            assertThat(done.state()).as(done.message()).isEqualTo(RunState.COMPLETED);
            assertThat(done.resumed()).isTrue();
            assertThat(done.runId()).isEqualTo(first.runId());
            assertThat(done.quarantined()).isEqualTo(PeopleTables.unmigratable(PEOPLE));
            assertThat(done.quarantine()).isEqualTo("ferry.quarantine");
            assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM ferry.quarantine")).isEqualTo(String.valueOf(
                    PeopleTables.unmigratable(PEOPLE)));
            assertThat(PeopleTables.scalar(url, "SELECT reason FROM ferry.quarantine WHERE source_json LIKE '%\"born\": \"\"%'"
                    + " LIMIT 1")).contains("born");
            assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM crm.person_pay WHERE salary = 1000.00"))
                    .as("stale pay rows updated").isEqualTo("0");
            assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                    .as("nothing of Ferry's in public").isEqualTo("0");

            ValidationReport validation = db.validate(plan);
            assertThat(validation.checks()).extracting(CheckResult::status).as(validation.checks().toString())
                    .containsOnly(CheckResult.CheckStatus.PASSED);
            List<RunSummary> history = db.history(plan.name());
            assertThat(history).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(RunState.COMPLETED);
                assertThat(r.validation().summary()).isEqualTo("3 passed");
                assertThat(r.processed()).isEqualTo(PEOPLE);
            });

            RollbackReport rollback = db.rollback(plan, null, RunListener.NONE);
            assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
            assertThat(db.history(plan.name()).get(0).state()).isEqualTo(RunState.ROLLED_BACK);
        }
        assertThat(PeopleTables.checksums(url)).as("byte-identical after the rollback").isEqualTo(before);
    }

    @Test
    void sessionsTerminatedMidRunAreWaitedForAndTheRunResumesByItself() throws Exception {
        String reference = PeopleTables.create(TestPostgres.freshDatabase("pg_journal_fault_ref"), 2_000, 9);
        Plan plan = PlanLoader.load(PeopleTables.PLAN).withBatchSize(100);
        try (SplitEngine ferry = SplitEngine.connect(reference)) {
            assertThat(ferry.run(plan, new RunControl(), RunListener.NONE).state()).isEqualTo(RunState.COMPLETED);
        }
        String admin = TestPostgres.freshDatabase("pg_journal_fault");
        String url = PeopleTables.create(admin, 2_000, 9);
        List<RunEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch eightBatches = new CountDownLatch(8);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (SplitEngine ferry = SplitEngine.connect(url)) {
            Future<RunReport> run = pool.submit(() -> ferry.run(plan, new RunControl(), e -> {
                events.add(e);
                if (e instanceof RunEvent.BatchDone) {
                    eightBatches.countDown();
                }
            }));
            eightBatches.await();
            assertThat(PeopleTables.scalar(admin, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()")).isNotEqualTo("0");
            RunReport report = run.get(3, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(report.state()).as(report.message()).isEqualTo(RunState.COMPLETED);
            assertThat(report.resumed()).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(events).filteredOn(e -> e instanceof RunEvent.WaitingForDatabase).first()
                .satisfies(w -> assertThat(((RunEvent.WaitingForDatabase) w).reason()).contains("SQLSTATE"));
        assertThat(PeopleTables.contents(url)).as("as if never interrupted").isEqualTo(PeopleTables.contents(reference));
        assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM ferry.quarantine"))
                .isEqualTo(String.valueOf(PeopleTables.unmigratable(2_000)));
    }

    @Test
    void twoRunsOfOnePlanOnOnePostgresJournalNeverRunAtOnce() throws Exception {
        String url = PeopleTables.create(TestPostgres.freshDatabase("pg_journal_lease"), 600, 6);
        Plan plan = PlanLoader.load(PeopleTables.PLAN).withBatchSize(50);
        try (SplitEngine a = SplitEngine.connect(url).withLeaseTtl(Duration.ofSeconds(5));
             SplitEngine b = SplitEngine.connect(url).withLeaseTtl(Duration.ofSeconds(5))) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<RunReport> first = pool.submit(() -> a.run(plan, new RunControl(), e -> {
                    if (e instanceof RunEvent.BatchDone) {
                        running.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }));
                running.await();
                assertThatThrownBy(() -> b.run(plan, new RunControl(), RunListener.NONE))
                        .isInstanceOf(LeaseHeldException.class).hasMessageContaining("is being run by");
                assertThat(b.history(plan.name())).singleElement().satisfies(r -> {
                    assertThat(r.state()).isEqualTo(RunState.RUNNING);
                    assertThat(r.leaseHolder()).isNotNull();
                });
                release.countDown();
                assertThat(first.get().state()).isEqualTo(RunState.COMPLETED);
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
            assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM ferry.leases")).as("released").isEqualTo("0");
        }
    }

    @Test
    void aCollectionIntoATableWithTheJournalInPostgres() throws Exception {
        String url = TestPostgres.freshDatabase("pg_journal_from_mongo");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.\"Profiles\" (id bigint PRIMARY KEY, \"Display Name\" text NOT NULL,"
                    + " score numeric(8,2))");
        }
        Plan plan = PlanLoader.parse("""
                name: profiles-into-pg
                source: { collection: profiles, key: _id }
                batch: { size: 40 }
                guardrails: {}
                targets:
                  - table: public.Profiles
                    id: { from: _id }
                    fields: { Display Name: { from: name }, score: { from: score } }
                """, "profiles-into-pg.yaml");
        try (InProcessMongo mongo = new InProcessMongo()) {
            List<Document> profiles = new ArrayList<>();
            for (int i = 1; i <= 300; i++) {
                profiles.add(new Document("_id", (long) i).append("name", i % 50 == 0 ? null : "Profile " + i)
                        .append("score", new org.bson.types.Decimal128(new java.math.BigDecimal(i + ".25"))));
            }
            mongo.database("app").getCollection("profiles").insertMany(profiles);
            try (MigrationEngine db = Engines.connect(url, mongo.uri("app"))) {
                RunReport run = db.run(plan, new RunControl(), RunListener.NONE);
                assertThat(run.state()).isEqualTo(RunState.COMPLETED);
                assertThat(run.quarantined()).as("NULL into a NOT NULL column").isEqualTo(6);
                java.math.BigDecimal expected = profiles.stream().filter(p -> p.get("name") != null)
                        .map(p -> ((org.bson.types.Decimal128) p.get("score")).bigDecimalValue())
                        .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
                assertThat(PeopleTables.scalar(url, "SELECT count(*) || ' ' || sum(score) FROM public.\"Profiles\""))
                        .isEqualTo("294 " + expected.toPlainString());
                assertThat(db.validate(plan).passed()).isTrue();
                assertThat(db.rollback(plan, null, RunListener.NONE).verified()).isTrue();
                assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM public.\"Profiles\"")).isEqualTo("0");
                assertThat(PeopleTables.scalar(url, "SELECT count(*) FROM ferry.runs")).isEqualTo("1");
            }
            assertThat(mongo.database("app").listCollectionNames().into(new ArrayList<>())).containsExactly("profiles");
        }
    }

    @Test
    void aUserWhoMayNotCreateTheJournalsSchemaIsToldWhatToGrant() throws Exception {
        String admin = TestPostgres.freshDatabase("pg_journal_no_create");
        String url = PeopleTables.create(admin, 100, 7);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("REVOKE CREATE ON DATABASE " + admin.replaceAll(".*/([^?]+).*", "$1") + " FROM ferry_operator");
        }
        Plan plan = PlanLoader.load(PeopleTables.PLAN);
        try (MigrationEngine db = Engines.connect(url)) {
            assertThat(db.history(plan.name())).isEmpty();
            assertThatThrownBy(() -> db.run(plan, new RunControl(), RunListener.NONE))
                    .hasMessageContaining("schema ferry").hasMessageContaining("permission denied")
                    .hasMessageContaining("GRANT CREATE ON DATABASE").hasMessageNotContaining("password");
        }
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA ferry AUTHORIZATION ferry_operator"); // what the message says a DBA can do
        }
        try (MigrationEngine db = Engines.connect(url)) {
            assertThat(db.run(plan, new RunControl(), RunListener.NONE).state()).isEqualTo(RunState.COMPLETED);
        }
    }
}
