package dev.ferry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry set …}: versioned migration sets (a folder of V001__….yaml files) with their history. */
@Command(name = "set", description = "Versioned migration sets: a folder of V<version>__<description>.yaml files, "
        + "applied in order, each with up and down, recorded in ferry_history.",
        subcommands = {SetListCommand.class, SetStatusCommand.class, SetUpCommand.class, SetDownCommand.class,
            SetRepairCommand.class, SetReleaseLeaseCommand.class},
        footer = {"", "--to V: afterwards the database is at version V. up --to V applies pending versions up to and",
            "including V; down --to V rolls back every applied version newer than V (V stays applied; --to 0 rolls",
            "back all). --only V takes V alone. A failure stops the sequence and names the version."})
final class SetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Verb.USAGE;
    }
}
