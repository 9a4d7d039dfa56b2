package dev.ferry.cli;

import dev.ferry.FerryException;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunSummary;
import dev.ferry.worker.WorkerLauncher;
import dev.ferry.worker.WorkerProcess;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ferry run --detach} and {@code ferry resume}: a worker process started to run the plan, and the wait until
 * the journal shows the run it works on (or it stops first, when its log says why). The worker goes on after this
 * process exits.
 *
 * @param runId the run the worker works on
 */
record DetachedWorker(String runId, long pid, String log, String state) {

    /** How long a worker may take to open its run: it may wait out a dead worker's lease first. */
    static final Duration OPEN_LIMIT = Duration.ofMinutes(5);

    /**
     * Starts {@code ferry run} for the plan in a worker, with the database addresses in its environment.
     *
     * @param extra more options for the worker's {@code run} (a batch size)
     */
    static DetachedWorker start(MigrationEngine engine, String planName, Path planFile, String uri, String otherUri,
                                List<String> extra, PrintWriter notes) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(DatabaseOptions.ENV, uri);
        if (otherUri != null) {
            env.put("FERRY_SOURCE_URI", otherUri);
        }
        List<String> args = new ArrayList<>(List.of("run", "--plan", planFile.toString(), "--wait-for-lease"));
        args.addAll(extra);
        WorkerProcess worker = WorkerLauncher.start(planName, "run", args, env);
        notes.println("Started a worker (pid " + worker.pid() + "); its log: " + worker.log());
        notes.println("Waiting for it to open the run…");
        notes.flush();
        Instant deadline = Instant.now().plus(OPEN_LIMIT);
        try {
            while (true) {
                Optional<RunSummary> run = engine.history(planName).stream()
                        .filter(r -> r.worker() != null && r.worker().pid() == worker.pid()).findFirst();
                if (run.isPresent()) {
                    return new DetachedWorker(run.get().runId(), worker.pid(), worker.log().toString(),
                            run.get().state().label());
                }
                Optional<Integer> exit = worker.exitCode();
                if (exit.isPresent()) {
                    String why = "The worker (pid " + worker.pid() + ") stopped before it opened a run (exit "
                            + exit.get() + "): " + String.join(" | ", worker.tail(3)) + ". Its log: " + worker.log();
                    throw exit.get() == 2 ? FerryException.usage(why) : new FerryException(why);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new FerryException("The worker (pid " + worker.pid() + ") has not opened a run after "
                            + OPEN_LIMIT.toMinutes() + " minutes; it goes on by itself. Its log: " + worker.log()
                            + "; see ferry status --plan ….");
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("Interrupted while waiting for the worker (pid " + worker.pid() + "); it goes"
                    + " on by itself. Its log: " + worker.log(), e);
        }
    }

    void print(PrintWriter out, String verb) {
        out.println("✓ Run " + runId + " " + verb + " in worker pid " + pid + " (" + state + ")");
        out.println("  its log: " + log);
        out.println("  follow it: ferry status --follow --plan …  ·  pause: ferry pause --plan …  ·  stop: ferry"
                + " cancel --plan …");
    }
}
