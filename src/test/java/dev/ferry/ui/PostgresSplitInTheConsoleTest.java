package dev.ferry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.plan.Plan;
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
import dev.ferry.testing.PeopleTables;
import dev.ferry.testing.PlanScreen;
import dev.ferry.testing.TestPostgres;
import dev.ferry.ui.dryrun.DryRunViewModel;
import dev.ferry.ui.plan.PlanViewModel;
import dev.ferry.ui.rollback.RollbackViewModel;
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
 * The console on a split whose source and targets are PostgreSQL tables, connected to nothing but that PostgreSQL
 * database, without a window: connect by JDBC URL, open {@code plans/people-split.yaml}, see rows beside what they
 * become, dry run, run, validate, find the run in History, roll back from the rollback screen with the typed plan
 * name, and find every table byte-identical.
 */
class PostgresSplitInTheConsoleTest {

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
    void aTableSplitFromConnectToRollbackThroughTheScreens() throws Exception {
        String url = PeopleTables.create(TestPostgres.freshDatabase("console_people"), 1_200, 3);
        Map<String, String> before = PeopleTables.checksums(url);

        AtomicReference<String> failure = new AtomicReference<>("pending");
        connections.connect(url, failure::set);
        assertThat(failure.get()).isNull();
        assertThat(session.engine().kind()).isEqualTo("PostgreSQL");

        PlanService plans = new PlanService(executor, session, new RecentPlans(home.resolve("recent.json")));
        PlanViewModel plan = PlanScreen.model(session, executor, plans, home);
        plan.open(PeopleTables.PLAN);
        assertThat(session.plan()).isInstanceOf(Plan.class);
        assertThat(session.state()).isEqualTo(ConsoleState.DRAFT);
        assertThat(plan.sampleCount()).isPositive();
        assertThat(plan.sourceJsonProperty().get()).contains("person_code");
        assertThat(plan.targets()).extracting(t -> t.collection())
                .containsExactly("crm.person_identity", "crm.person_pay");

        DryRunViewModel dryRun = new DryRunViewModel(session, new DryRunService(executor, session), executor,
                screen -> { });
        dryRun.start();
        assertThat(dryRun.errors()).as(session.log().toString()).anySatisfy(e -> assertThat(e.reason()).contains("born"));
        assertThat(dryRun.targets()).extracting(t -> t.collection())
                .containsExactly("crm.person_identity", "crm.person_pay");
        assertThat(session.state()).isEqualTo(ConsoleState.READY);

        RunService runs = new RunService(executor, session);
        assertThat(runs.start()).as(runs.problemProperty().get()).isTrue();
        assertThat(runs.reportProperty().get().state()).isEqualTo(RunState.COMPLETED);
        assertThat(runs.reportProperty().get().quarantined()).isEqualTo(PeopleTables.unmigratable(1_200));
        assertThat(session.state()).isEqualTo(ConsoleState.COMPLETED);

        ValidationViewModel validation = new ValidationViewModel(session, new ValidationService(executor, session));
        validation.validateAll();
        assertThat(validation.checks()).hasSize(3).allSatisfy(c ->
                assertThat(c.tone()).as(c.name() + ": " + c.summary()).isEqualTo(Tone.OK));
        assertThat(session.state()).isEqualTo(ConsoleState.VALIDATED);

        List<RunSummary> runsSeen = new ArrayList<>();
        new HistoryService(executor, session).load(runsSeen::addAll, f -> {
            throw new AssertionError(f);
        });
        assertThat(runsSeen).singleElement().satisfies(r -> {
            assertThat(r.plan()).isEqualTo("people-split");
            assertThat(r.state()).isEqualTo(RunState.COMPLETED);
            assertThat(r.validation().ok()).isTrue();
        });

        RollbackViewModel rollback = new RollbackViewModel(session, new RollbackService(executor, session));
        rollback.refresh();
        assertThat(rollback.summaryProperty().get()).contains("the run inserted into crm.person_identity")
                .contains("of crm.person_pay the run replaced").contains("undo log in the journal");
        rollback.typedProperty().set("people-split");
        rollback.confirm();
        assertThat(rollback.phaseProperty().get()).isEqualTo(RollbackViewModel.Phase.DONE);
        assertThat(session.state()).isEqualTo(ConsoleState.ROLLED_BACK);
        assertThat(rollback.checklist()).isNotEmpty().allSatisfy(c ->
                assertThat(c.tone()).as(c.name()).isEqualTo(Tone.OK));
        assertThat(PeopleTables.checksums(url)).isEqualTo(before);
    }
}
