package dev.ferry.testing;

import dev.ferry.engine.connect.Engines;

import dev.ferry.demo.DemoDatabase;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.service.DryRunService;
import dev.ferry.service.HistoryService;
import dev.ferry.service.ImmediateTaskExecutor;
import dev.ferry.service.RollbackService;
import dev.ferry.service.RunService;
import dev.ferry.service.Session;
import dev.ferry.service.TaskExecutor;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * For view-model tests without a window: the demo database seeded with {@code docs} documents of runbook 000's
 * user_data, a session connected to it with the runbook's plan open, and the services over one executor
 * ({@link ImmediateTaskExecutor} unless given).
 */
public final class DemoSession implements AutoCloseable {

    public final DemoDatabase demo;
    public final Session session = new Session();
    public final TaskExecutor executor;
    public final DryRunService dryRuns;
    public final RunService runs;
    public final RollbackService rollbacks;
    public final HistoryService history;

    public DemoSession(int docs) {
        this(docs, new ImmediateTaskExecutor(), UnaryOperator.identity());
    }

    /**
     * Runbook 000's plan without its guardrails: on a loaded test machine a run falls behind its own dry run's
     * estimate and the duration guardrail pauses it, which these tests of the screens do not ask about.
     */
    public static Plan withoutGuardrails(Plan p) {
        return new Plan(p.name(), p.file(), p.hash(), p.source(), p.batch(), p.targets(), Guardrails.none(),
                p.validation(), p.rollback());
    }

    public DemoSession(int docs, TaskExecutor executor, UnaryOperator<Plan> plan) {
        this.executor = executor;
        demo = DemoDatabase.startSeeded(0, docs);
        session.connected(Engines.connect(demo.connectionString()), "demo");
        session.planOpened(plan.apply(withoutGuardrails(PlanLoader.load(Path.of("plans", "user-data-split.yaml")))));
        dryRuns = new DryRunService(executor, session);
        runs = new RunService(executor, session);
        rollbacks = new RollbackService(executor, session);
        history = new HistoryService(executor, session);
    }

    /** Dry run then run, to a completed run (synchronously with the immediate executor). */
    public void completedRun() {
        dryRuns.start(e -> { }, r -> { }, reason -> {
            throw new AssertionError(reason);
        });
        if (!runs.start()) {
            throw new AssertionError(runs.problemProperty().get());
        }
    }

    @Override
    public void close() {
        runs.close();
        session.engine().close();
        demo.close();
    }
}
