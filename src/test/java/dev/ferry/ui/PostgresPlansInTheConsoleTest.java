package dev.ferry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.AssessReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.service.Action;
import dev.ferry.service.AssessmentService;
import dev.ferry.service.ConnectionService;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.DryRunService;
import dev.ferry.service.HistoryService;
import dev.ferry.service.ImmediateTaskExecutor;
import dev.ferry.service.PlanService;
import dev.ferry.service.RecentPlans;
import dev.ferry.service.RollbackService;
import dev.ferry.service.RunService;
import dev.ferry.service.Session;
import dev.ferry.service.Tone;
import dev.ferry.service.ValidationService;
import dev.ferry.testing.PlanScreen;
import dev.ferry.testing.TestPostgres;
import dev.ferry.ui.assessment.AssessmentViewModel;
import dev.ferry.ui.dryrun.DryRunViewModel;
import dev.ferry.ui.plan.PlanViewModel;
import dev.ferry.ui.rollback.RestoredCheck;
import dev.ferry.ui.rollback.RollbackViewModel;
import dev.ferry.ui.validation.CheckRow;
import dev.ferry.ui.validation.ValidationViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's screens on a real PostgreSQL 15 with runbook 002's and 003's plans, without a window: connect by
 * JDBC URL, assess the tables, open the plan, see rows beside what they become, dry run (validate_schema, which
 * blocks the run on a value that is not a UUID), run, validate, see the run in the history, roll back from the
 * rollback screen with the typed plan name, and find every table as it was.
 */
class PostgresPlansInTheConsoleTest {

    @TempDir
    Path home;

    private final ImmediateTaskExecutor executor = new ImmediateTaskExecutor();
    private final Session session = new Session();
    private final ConnectionService connections = new ConnectionService(executor, session);

    @AfterEach
    void close() {
        connections.close();
        executor.close();
    }

    @Test
    void runbook002FromConnectToRollbackThroughTheScreens() throws Exception {
        String url = TestPostgres.freshDatabase("console_uuid");
        Runbook002Schema.create(url, 600, 2);
        Runbook002Schema.execute(url, "INSERT INTO users (id, email) VALUES ('not-a-uuid', 'bad@example.com')");
        Map<String, String> before = Runbook002Schema.checksums(url);

        AtomicReference<String> failure = new AtomicReference<>("pending");
        connections.connect(url, failure::set);
        assertThat(failure.get()).isNull();
        assertThat(session.engine().kind()).isEqualTo("PostgreSQL");
        assertThat(session.connectionLabelProperty().get()).doesNotContain("password");

        AssessmentViewModel assessment = new AssessmentViewModel(session, new AssessmentService(executor, session));
        PlanService plans = new PlanService(executor, session, new RecentPlans(home.resolve("recent.json")));
        PlanViewModel plan = PlanScreen.model(session, executor, plans, home);
        plan.open(Path.of("plans", "users-uuid.yaml"));
        assertThat(session.plan()).isInstanceOf(UuidKeyPlan.class);
        assertThat(session.state()).isEqualTo(ConsoleState.DRAFT);
        assertThat(plan.title().get()).contains("users-uuid").contains("public.users.id varchar → uuid");
        assertThat(plan.mappings()).hasSize(3);

        // Assessment: tables with exact counts, columns as fields, keys and references as notes; the plan's table first.
        assessment.analyse();
        AssessReport report = assessment.reportProperty().get();
        assertThat(report.collections()).extracting(AssessReport.CollectionStats::name)
                .contains("users", "journal_entries", "tags", "reminders");
        assertThat(assessment.selectedProperty().get().name()).isEqualTo("users");
        assertThat(assessment.selectedProperty().get().count()).isEqualTo(601);
        assertThat(assessment.keysProperty().get()).contains("primary key (id)")
                .contains("referenced by journal_entries.user_id");
        assertThat(assessment.fieldsTitleProperty().get()).startsWith("Columns of users").contains("rows");
        assertThat(assessment.fields()).anySatisfy(f -> assertThat(f.path()).isEqualTo("id"));

        // Preview: the row that is not a UUID comes first, with its error; a good row becomes its canonical uuid.
        assertThat(plan.sampleCount()).isGreaterThan(5);
        assertThat(plan.sourceJsonProperty().get()).contains("not-a-uuid");
        assertThat(plan.targets().get(0).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("is not a UUID"));
        plan.next();
        assertThat(plan.targets().get(0).errors()).isEmpty();
        assertThat(plan.targets().get(0).json()).containsPattern("\"id\": \"[0-9a-f]{8}-[0-9a-f]{4}-");

        // Dry run = validate_schema: the bad key blocks the run, with its row listed; Run says why.
        DryRunViewModel dryRun = new DryRunViewModel(session, new DryRunService(executor, session), executor,
                screen -> { });
        dryRun.start();
        assertThat(dryRun.errors()).anySatisfy(e -> assertThat(e.reason()).contains("not-a-uuid"));
        assertThat(dryRun.blockers().get()).contains("Blocks the run").contains("not UUIDs");
        assertThat(session.state()).isEqualTo(ConsoleState.DRAFT);
        assertThat(session.whyNot(Action.RUN)).contains("found 1 problem that blocks the run: fix it");
        assertThat(dryRun.targets()).extracting(t -> t.collection())
                .containsExactlyInAnyOrder("users", "journal_entries", "tags", "reminders");

        Runbook002Schema.execute(url, "DELETE FROM users WHERE id = 'not-a-uuid'");
        before = Runbook002Schema.checksums(url);
        dryRun.start();
        assertThat(dryRun.blockers().get()).isEmpty();
        assertThat(session.state()).isEqualTo(ConsoleState.READY);
        assertThat(session.whyNot(Action.RUN)).isNull();

        // Run: the conversion, with batch events whose written counts are totals per table.
        RunService runs = new RunService(executor, session);
        List<Long> usersWritten = new ArrayList<>();
        runs.snapshotProperty().addListener((o, was, s) -> usersWritten.add(s.written().getOrDefault("users", 0L)));
        assertThat(runs.start()).as(runs.problemProperty().get()).isTrue();
        assertThat(runs.reportProperty().get().state()).isEqualTo(RunState.COMPLETED);
        assertThat(session.state()).isEqualTo(ConsoleState.COMPLETED);
        assertThat(usersWritten).contains(600L);
        assertThat(Runbook002Schema.scalar(url, "SELECT data_type FROM information_schema.columns WHERE"
                + " table_name = 'journal_entries' AND column_name = 'user_id'")).isEqualTo("uuid");

        // Validation: the engine's checks, each a row with its evidence; all pass.
        ValidationViewModel validation = new ValidationViewModel(session, new ValidationService(executor, session));
        assertThat(validation.checks()).isEmpty();
        validation.validateAll();
        assertThat(validation.checks()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(c ->
                assertThat(c.tone()).as(c.name() + ": " + c.summary()).isEqualTo(Tone.OK));
        assertThat(validation.checks()).extracting(CheckRow::method).doesNotContain("—");
        assertThat(session.state()).isEqualTo(ConsoleState.VALIDATED);

        // History: the run, completed, from the PostgreSQL journal.
        List<RunSummary> runsSeen = new ArrayList<>();
        new HistoryService(executor, session).load(runsSeen::addAll, f -> {
            throw new AssertionError(f);
        });
        assertThat(runsSeen).first().satisfies(r -> {
            assertThat(r.plan()).isEqualTo("users-uuid");
            assertThat(r.state()).isEqualTo(RunState.COMPLETED);
            assertThat(r.total()).isEqualTo(600 + 1200 + 300 + 300);
        });

        // Rollback: typed name, the originals moved back, every table as it was.
        RollbackViewModel rollback = new RollbackViewModel(session, new RollbackService(executor, session));
        rollback.refresh();
        assertThat(rollback.summaryProperty().get()).contains("put back the original users (600 rows)");
        rollback.typedProperty().set("users-uuid");
        rollback.confirm();
        assertThat(rollback.phaseProperty().get()).isEqualTo(RollbackViewModel.Phase.DONE);
        assertThat(session.state()).isEqualTo(ConsoleState.ROLLED_BACK);
        assertThat(rollback.checklist()).isNotEmpty().allSatisfy(c ->
                assertThat(c.tone()).as(c.name()).isEqualTo(Tone.OK));
        assertThat(rollback.checklist()).extracting(RestoredCheck::name).anySatisfy(n -> assertThat(n).contains("users"));
        assertThat(Runbook002Schema.checksums(url)).isEqualTo(before);
    }

    @Test
    void aConversionWhoseProcessDiedShowsInterruptedAndResumesFromTheConsole() throws Exception {
        String url = TestPostgres.freshDatabase("console_resume");
        Runbook002Schema.create(url, 2_000, 2);
        connections.connect(url, f -> assertThat(f).isNull());
        PlanService plans = new PlanService(executor, session, new RecentPlans(home.resolve("recent.json")));
        plans.open(Path.of("plans", "users-uuid.yaml"), e -> {
            throw new AssertionError(e);
        });
        UuidKeyPlan small = ((UuidKeyPlan) session.plan()).withBatchSize(200);
        RunControl control = new RunControl();
        int[] batches = {0};
        RunReport first = session.engine().run(small, control, event -> {
            if (event instanceof RunEvent.BatchDone && ++batches[0] == 2) {
                control.pause("the test stops it after two batches");
            }
        });
        assertThat(first.state()).isEqualTo(RunState.PAUSED);
        // As if the process died after a batch: the journal still says running and nobody holds the plan's lock.
        Runbook002Schema.execute(url, "UPDATE ferry.operation_runs SET state = 'running'");

        plans.syncState();
        assertThat(session.state()).isEqualTo(ConsoleState.INTERRUPTED);
        assertThat(session.whyNot(Action.RESUME)).isNull();
        assertThat(session.whyNot(Action.ROLLBACK)).isNull();

        RunService runs = new RunService(executor, session);
        assertThat(runs.resume()).as(runs.problemProperty().get()).isTrue();
        RunReport resumed = runs.reportProperty().get();
        assertThat(resumed.state()).as(resumed.message()).isEqualTo(RunState.COMPLETED);
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.runId()).isEqualTo(first.runId());
        ValidationViewModel validation = new ValidationViewModel(session, new ValidationService(executor, session));
        validation.validateAll();
        assertThat(validation.checks()).isNotEmpty().allSatisfy(c ->
                assertThat(c.tone()).as(c.name() + ": " + c.summary()).isEqualTo(Tone.OK));
    }

    @Test
    void aConversionBegunWithAnotherVersionOfThePlanIsNotResumedButRollsBackFromTheConsole() throws Exception {
        String url = TestPostgres.freshDatabase("console_changed_plan");
        Runbook002Schema.create(url, 1_000, 1);
        Map<String, String> before = Runbook002Schema.checksums(url);
        String text = java.nio.file.Files.readString(Path.of("plans", "users-uuid.yaml"));
        Path original = java.nio.file.Files.writeString(home.resolve("users-uuid.yaml"),
                text.replace("batch_size: 50000", "batch_size: 200"));
        connections.connect(url, f -> assertThat(f).isNull());
        PlanService plans = new PlanService(executor, session, new RecentPlans(home.resolve("recent.json")));
        plans.open(original, e -> {
            throw new AssertionError(e);
        });
        String originalHash = session.plan().hash();
        RunControl control = new RunControl();
        int[] batches = {0};
        RunReport first = session.engine().run(session.plan(), control, event -> {
            if (event instanceof RunEvent.BatchDone && ++batches[0] == 2) {
                control.pause("the test stops it after two batches");
            }
        });
        assertThat(first.state()).isEqualTo(RunState.PAUSED);
        Runbook002Schema.execute(url, "UPDATE ferry.operation_runs SET state = 'running'"); // as if its process died

        Path changed = java.nio.file.Files.writeString(home.resolve("users-uuid-v2.yaml"),
                text.replace("batch_size: 50000", "batch_size: 300"));
        plans.open(changed, e -> {
            throw new AssertionError(e);
        });
        assertThat(session.plan().hash()).isNotEqualTo(originalHash);
        assertThat(session.state()).isEqualTo(ConsoleState.INTERRUPTED);
        List<RunSummary> runsSeen = new ArrayList<>();
        new HistoryService(executor, session).load(runsSeen::addAll, f -> {
            throw new AssertionError(f);
        });
        assertThat(runsSeen).first().satisfies(r -> {
            assertThat(r.runId()).isEqualTo(first.runId());
            assertThat(r.planHash()).isEqualTo(originalHash);
        });

        RunService runs = new RunService(executor, session);
        runs.resume();
        assertThat(runs.problemProperty().get()).contains("The unfinished run " + first.runId(),
                "another version of the plan (hash " + originalHash + ", now " + session.plan().hash() + ")");
        assertThat(Runbook002Schema.scalar(url, "SELECT step FROM ferry.operation_runs")).isEqualTo("SHADOWS_CREATED");

        RollbackViewModel rollback = new RollbackViewModel(session, new RollbackService(executor, session));
        rollback.refresh();
        rollback.typedProperty().set("users-uuid");
        rollback.confirm();
        assertThat(rollback.phaseProperty().get()).isEqualTo(RollbackViewModel.Phase.DONE);
        assertThat(session.state()).isEqualTo(ConsoleState.ROLLED_BACK);
        assertThat(Runbook002Schema.checksums(url)).isEqualTo(before);
    }

    @Test
    void runbook003UpAndBackfillThenDownFromTheConsole() throws Exception {
        String url = TestPostgres.freshDatabase("console_backfill");
        Runbook002Schema.execute(url, """
                CREATE TABLE predictions (id bigserial PRIMARY KEY, model_version text NOT NULL,
                  created_at timestamptz NOT NULL, score numeric);
                INSERT INTO predictions (model_version, created_at, score)
                  SELECT CASE WHEN i % 4 = 0 THEN '2.0' ELSE '1.0' END, now() - i * interval '1 minute', i / 100.0
                  FROM generate_series(1, 4000) i;
                """);
        String before = Runbook002Schema.scalar(url, "SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM predictions t");
        connections.connect(url, f -> assertThat(f).isNull());
        PlanService plans = new PlanService(executor, session, new RecentPlans(home.resolve("recent.json")));
        PlanViewModel plan = PlanScreen.model(session, executor, plans, home);
        plan.open(Path.of("plans", "predictions-accuracy.yaml"));
        assertThat(session.plan()).isInstanceOf(ColumnBackfillPlan.class);
        assertThat(plan.mappings()).extracting(r -> r.field()).contains("model_accuracy", "feature_importance");
        assertThat(plan.targets().get(0).json()).contains("\"model_accuracy\": \"0.85\"");

        DryRunViewModel dryRun = new DryRunViewModel(session, new DryRunService(executor, session), executor,
                screen -> { });
        dryRun.start();
        assertThat(dryRun.targets()).singleElement().satisfies(t -> assertThat(t.wouldUpdate()).isEqualTo(3_000));
        assertThat(dryRun.notes().get()).contains("would add column: model_accuracy");
        assertThat(session.state()).isEqualTo(ConsoleState.READY);

        RunService runs = new RunService(executor, session);
        assertThat(runs.start()).isTrue();
        assertThat(runs.reportProperty().get().state()).as(runs.reportProperty().get().message())
                .isEqualTo(RunState.COMPLETED);
        assertThat(runs.reportProperty().get().processed()).isEqualTo(3_000);

        ValidationViewModel validation = new ValidationViewModel(session, new ValidationService(executor, session));
        validation.validateAll();
        assertThat(validation.checks()).isNotEmpty().allSatisfy(c -> assertThat(c.tone()).isEqualTo(Tone.OK));

        RollbackViewModel rollback = new RollbackViewModel(session, new RollbackService(executor, session));
        rollback.refresh();
        assertThat(rollback.summaryProperty().get()).contains("drop predictions.model_accuracy (column) (3,000 rows)");
        rollback.typedProperty().set("predictions-accuracy");
        rollback.confirm();
        assertThat(session.state()).isEqualTo(ConsoleState.ROLLED_BACK);
        assertThat(Runbook002Schema.scalar(url, "SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM predictions t"))
                .isEqualTo(before);
    }

    @Test
    void aMongoPlanOnPostgresAndAPostgresPlanOnMongoAreRefusedWithWhereToGo() throws Exception {
        String url = TestPostgres.freshDatabase("console_mismatch");
        connections.connect(url, f -> assertThat(f).isNull());
        PlanService plans = new PlanService(executor, session, new RecentPlans(home.resolve("recent.json")));
        plans.open(Path.of("plans", "user-data-split.yaml"), e -> {
            throw new AssertionError(e);
        });
        DryRunViewModel dryRun = new DryRunViewModel(session, new DryRunService(executor, session), executor,
                screen -> { });
        dryRun.start();
        assertThat(dryRun.messageProperty().get()).contains("connect to its MongoDB database");
        assertThat(session.state()).isEqualTo(ConsoleState.DRAFT);
    }
}
