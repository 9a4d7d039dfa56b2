package dev.ferry.cli;

import dev.ferry.engine.RunRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ferry resume}: records who resumed the plan's paused, cancelled or interrupted run, then starts a worker that
 * continues it from its last checkpoint (waiting out a dead worker's lease first) and returns once the journal shows
 * it working.
 */
@Command(name = "resume", description = "Resume the plan's paused, cancelled or interrupted run in a new worker process"
        + " (from its last checkpoint); returns once the worker has opened it.")
final class ResumeCommand extends ControlVerb {

    @Mixin
    BatchSizeOption batchSize;

    @Override
    public Integer call() {
        return send(RunRequest.resume(), (engine, loaded, outcome) -> {
            DetachedWorker worker = DetachedWorker.start(engine, loaded.name(), plan.absolute(),
                    database.resolve(terminal()), database.other(terminal()), batchSize.size == null
                            ? java.util.List.of() : java.util.List.of("--batch-size", String.valueOf(batchSize.size)),
                    notes());
            if (!json()) {
                worker.print(out(), "resumed");
            }
            return worker;
        });
    }
}
