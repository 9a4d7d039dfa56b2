package dev.ferry.cli;

import dev.ferry.engine.RunRequest;
import picocli.CommandLine.Command;

/**
 * {@code ferry cancel}: asks the plan's running run to stop after its current batch. What it wrote stays, with its
 * checkpoint and undo log: resume it later, or roll it back.
 */
@Command(name = "cancel", description = "Ask the plan's run to stop after its current batch (recorded in the journal"
        + " with who asked). What it wrote stays with its checkpoint and undo log: resume it, or roll it back.")
final class CancelCommand extends ControlVerb {

    @Override
    public Integer call() {
        return send(RunRequest.cancel(), null);
    }
}
