package dev.ferry.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.ferry.service.Action;
import dev.ferry.service.AssessmentService;
import dev.ferry.profile.ConnectionProfiles;
import dev.ferry.service.ConnectionService;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.DryRunService;
import dev.ferry.service.ValidationService;
import dev.ferry.profile.FerryHome;
import dev.ferry.service.HistoryService;
import dev.ferry.service.PlanDrafts;
import dev.ferry.service.PlanService;
import dev.ferry.service.PlanTextService;
import dev.ferry.service.PreviewService;
import dev.ferry.service.RecentPlans;
import dev.ferry.service.RollbackService;
import dev.ferry.service.RunService;
import dev.ferry.service.Session;
import dev.ferry.service.TaskExecutor;
import dev.ferry.ui.assessment.AssessmentView;
import dev.ferry.ui.assessment.AssessmentViewModel;
import dev.ferry.ui.connections.ConnectionsView;
import dev.ferry.ui.connections.ConnectionsViewModel;
import dev.ferry.ui.dryrun.DryRunView;
import dev.ferry.ui.dryrun.DryRunViewModel;
import dev.ferry.ui.plan.PlanEditorViewModel;
import dev.ferry.ui.plan.PlanView;
import dev.ferry.ui.plan.UnsavedPlanText;
import dev.ferry.ui.plan.PlanViewModel;
import dev.ferry.ui.history.HistoryView;
import dev.ferry.ui.history.HistoryViewModel;
import dev.ferry.ui.rollback.RollbackView;
import dev.ferry.ui.rollback.RollbackViewModel;
import dev.ferry.ui.run.RunDashboardView;
import dev.ferry.ui.run.RunDashboardViewModel;
import dev.ferry.ui.shell.CloseGuard;
import dev.ferry.ui.shell.MainWindowView;
import dev.ferry.ui.validation.ValidationView;
import dev.ferry.ui.validation.ValidationViewModel;
import dev.ferry.ui.shell.MainWindowViewModel;
import dev.ferry.ui.shell.Screen;
import java.net.URL;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * The console wired together (no DI framework): one session, one executor, the services, and a view + view model per
 * screen. The app and the TestFX tests build it the same way.
 */
public final class Console implements AutoCloseable {

    private final TaskExecutor executor;
    private final Session session = new Session();
    /** Answered when the window was asked to close: stop the run in its worker after its current batch. */
    private volatile boolean stopRunOnClose;
    private final ConnectionService connections;
    private final PlanService plans;
    private final PlanEditorViewModel planEditor;
    private final DryRunService dryRuns;
    private final ValidationService validations;
    private final ValidationViewModel validationScreen;
    private final RunService runs;
    private final RollbackService rollbacks;
    private final HistoryService histories;
    private final MainWindowViewModel shell;
    private final RunDashboardViewModel runDashboard;
    private final RollbackViewModel rollback;
    private final HistoryViewModel history;
    private final MainWindowView window;

    public Console(TaskExecutor executor) {
        this.executor = executor;
        this.connections = new ConnectionService(executor, session);
        RecentPlans recent = RecentPlans.inFerryHome();
        this.plans = new PlanService(executor, session, recent);
        this.planEditor = new PlanEditorViewModel(session, new PlanTextService(executor, session, recent,
                PlanDrafts.inFerryHome()), executor);
        this.dryRuns = new DryRunService(executor, session);
        this.validations = new ValidationService(executor, session);
        this.validationScreen = new ValidationViewModel(session, validations);
        this.runs = new RunService(executor, session);
        this.rollbacks = new RollbackService(executor, session);
        this.histories = new HistoryService(executor, session);
        this.shell = new MainWindowViewModel(session);
        shell.watch(new UnsavedPlanText(planEditor));
        this.runDashboard = new RunDashboardViewModel(session, runs, dryRuns, shell);
        this.rollback = new RollbackViewModel(session, rollbacks);
        this.history = new HistoryViewModel(session, histories, runs, shell, rollback::select);
        shell.screenProperty().addListener((o, was, now) -> {
            if (now == Screen.HISTORY) {
                history.refresh();
            } else if (now == Screen.ROLLBACK) {
                rollback.refresh();
            }
        });
        this.window = new MainWindowView(shell, screens(), FerryHome.logFile().toString());
        shell.darkProperty().addListener((o, was, dark) -> applyTheme(dark));
        session.engineProperty().addListener((o, was, now) -> plans.syncState());
        // the open plan's runs are followed through the journal, whichever console or terminal started them
        session.engineProperty().addListener((o, was, now) -> runs.follow());
        session.planProperty().addListener((o, was, now) -> runs.follow());
        applyTheme(false);
    }

    private Map<Screen, Supplier<Node>> screens() {
        Map<Screen, Supplier<Node>> screens = new EnumMap<>(Screen.class);
        screens.put(Screen.CONNECTIONS, () -> new ConnectionsView(
                new ConnectionsViewModel(session, connections, ConnectionProfiles.inFerryHome())).root());
        screens.put(Screen.ASSESSMENT, () -> new AssessmentView(
                new AssessmentViewModel(session, new AssessmentService(executor, session))).root());
        screens.put(Screen.PLAN, () -> new PlanView(
                new PlanViewModel(session, plans, new PreviewService(executor, session), planEditor)).root());
        screens.put(Screen.VALIDATION, () -> new ValidationView(validationScreen).root());
        screens.put(Screen.DRY_RUN, () -> new DryRunView(new DryRunViewModel(session, dryRuns, executor, shell)).root());
        screens.put(Screen.MIGRATIONS, () -> new dev.ferry.ui.migrations.MigrationsView(
                new dev.ferry.ui.migrations.MigrationsViewModel(new dev.ferry.service.MigrationSetService(executor,
                        session), executor)).root());
        screens.put(Screen.RUN, () -> new RunDashboardView(runDashboard).root());
        screens.put(Screen.ROLLBACK, () -> new RollbackView(rollback).root());
        screens.put(Screen.HISTORY, () -> new HistoryView(history).root());
        return screens;
    }

    /** The built-in demo database, connected, with runbook 000's plan open: real data in the first minute. */
    public void openDemo() {
        openDemo(ConnectionService.DEMO_DOCS);
    }

    /** The demo with {@code docs} documents in user_data. */
    public void openDemo(int docs) {
        connections.startDemo(docs, failure -> {
            if (failure == null) {
                plans.openBundled(errors -> { });
            }
        });
    }

    /** Asks before {@code stage} closes: unsaved plan text (save, don't save, cancel), then a run in progress. */
    public void guardClose(Stage stage) {
        CloseGuard.install(stage, shell, () -> runs.runsInWorkers() && session.state() == ConsoleState.RUNNING,
                stop -> stopRunOnClose = stop);
    }

    public Scene scene() {
        Scene scene = new Scene(window.root(), 1280, 820);
        scene.getStylesheets().addAll(resource("/css/tokens.css"), resource("/css/app.css"));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::validateAll);
        // from any screen: Ctrl+R runs (or resumes), Ctrl+P pauses (or resumes)
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                runDashboard::runOrResume);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN),
                runDashboard::pauseOrResume);
        return scene;
    }

    /** Ctrl+Shift+V: run every validation check (when the state machine allows it) and show the checklist. */
    void validateAll() {
        if (session.whyNot(Action.VALIDATE) == null) {
            shell.show(Screen.VALIDATION);
            validationScreen.validateAll();
        }
    }

    public Session session() {
        return session;
    }

    public MainWindowViewModel shell() {
        return shell;
    }

    public ConnectionService connections() {
        return connections;
    }

    public PlanService plans() {
        return plans;
    }

    public PlanEditorViewModel planEditor() {
        return planEditor;
    }

    public DryRunService dryRuns() {
        return dryRuns;
    }

    public ValidationService validations() {
        return validations;
    }

    public RunService runs() {
        return runs;
    }

    public RunDashboardViewModel runDashboard() {
        return runDashboard;
    }

    public RollbackViewModel rollback() {
        return rollback;
    }

    public HistoryViewModel history() {
        return history;
    }

    public TaskExecutor executor() {
        return executor;
    }

    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private static String resource(String path) {
        URL url = Console.class.getResource(path);
        if (url == null) {
            throw new dev.ferry.FerryException("The console resource " + path + " is missing from the build.");
        }
        return url.toExternalForm();
    }

    @Override
    public void close() {
        close(stopRunOnClose);
    }

    /**
     * Closes the console. A run in a worker process goes on unless {@code stopRun} (then it is asked to stop after its
     * current batch); a run in this process stops between batches and keeps its checkpoint.
     */
    public void close(boolean stopRun) {
        planEditor.keepDraftNow(); // whatever was typed since the last draft, however the console is closing
        runs.close(stopRun);
        connections.close();
        executor.close();
    }
}
