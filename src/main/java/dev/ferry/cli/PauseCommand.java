package dev.ferry.cli;

import dev.ferry.engine.RunRequest;
import picocli.CommandLine.Command;

/** {@code ferry pause}: asks the plan's running run to pause after its current batch, wherever its worker runs. */
@Command(name = "pause", description = "Ask the plan's run to pause after its current batch (recorded in the journal"
        + " with who asked; honoured by its worker, wherever it runs). Resume it with ferry resume.")
final class PauseCommand extends ControlVerb {

    @Override
    public Integer call() {
        return send(RunRequest.pause(), null);
    }
}
