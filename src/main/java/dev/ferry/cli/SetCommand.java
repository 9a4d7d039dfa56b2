package dev.ferry.cli;

import dev.ferry.engine.RunRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry set --batch-size N --rate N --plan P}: new settings for the plan's run, honoured by its worker at its
 * next batch (or when a paused run resumes). {@code ferry set list|status|up|down|…}: versioned migration sets (a
 * folder of V001__….yaml files) with their history.
 */
@Command(name = "set", description = "With --batch-size and/or --rate: change the settings of the plan's run (its"
        + " worker applies them at its next batch). With a subcommand: versioned migration sets, a folder of"
        + " V<version>__<description>.yaml files, applied in order, each with up and down, recorded in ferry_history.",
        subcommands = {SetListCommand.class, SetStatusCommand.class, SetUpCommand.class, SetDownCommand.class,
            SetRepairCommand.class, SetReleaseLeaseCommand.class},
        footer = {"", "--to V: afterwards the database is at version V. up --to V applies pending versions up to and",
            "including V; down --to V rolls back every applied version newer than V (V stays applied; --to 0 rolls",
            "back all). --only V takes V alone. A failure stops the sequence and names the version."})
final class SetCommand extends ControlVerb {

    @Spec
    CommandSpec spec;

    @Option(names = "--batch-size", paramLabel = "N", description = "records per batch from the run's next batch on")
    Integer batchSize;

    @Option(names = "--rate", paramLabel = "N", description = "a rate limit in records per second (0 removes it)")
    Double rate;

    @Override
    public Integer call() {
        if (batchSize == null && rate == null) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return USAGE;
        }
        return send(RunRequest.set(batchSize, rate), null);
    }
}
