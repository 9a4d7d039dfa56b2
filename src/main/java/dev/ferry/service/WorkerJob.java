package dev.ferry.service;

import dev.ferry.FerryException;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanKind;
import dev.ferry.worker.WorkerLauncher;
import dev.ferry.worker.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validation or rollback carried out by a worker process (Ferry's own CLI with {@code --json}), awaited off the FX
 * thread: its result read back as the engine record it printed, or why it gave none (the end of its log).
 *
 * @param result the worker's result, or null when it printed none
 * @param exit   its exit code
 */
record WorkerJob<T>(T result, int exit, long pid, String log, List<String> tail) {

    /** Whether the console gives {@code plan}'s validations and rollbacks to workers. */
    static boolean usable(Session session, MigrationPlan plan) {
        return session.usesWorkers() && session.connectionUri() != null
                && plan != null && plan.kind().supports(PlanKind.Capability.WORKERS);
    }

    /** Starts {@code ferry <verb> --plan FILE <extra> --json} for the plan and waits for it. */
    static <T> WorkerJob<T> run(MigrationPlan plan, String uri, String verb, List<String> extra, Class<T> type)
            throws InterruptedException {
        Path file = PlanFiles.forWorker(plan);
        List<String> args = new ArrayList<>(List.of(verb, "--plan", file.toString()));
        args.addAll(extra);
        WorkerProcess worker = WorkerLauncher.start(plan.name(), verb, args, Map.of("FERRY_URI", uri));
        Optional<Integer> exit = worker.await(Duration.ofDays(1));
        return new WorkerJob<>(worker.result(type).orElse(null), exit.orElse(-1), worker.pid(),
                worker.log().toString(), worker.tail(3));
    }

    /** The result, or the failure a person reads: the worker's own last words and where its log is. */
    T resultOrFail(String what) {
        if (result != null) {
            return result;
        }
        throw new FerryException(what + " in worker pid " + pid + " gave no result (exit " + exit + "): "
                + String.join(" | ", tail) + ". Its log: " + log);
    }
}
